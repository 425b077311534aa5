def main() -> None:
    log = "out.log"
    print("hello", file=log)


if __name__ == "__main__":
    main()
