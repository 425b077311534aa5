def main() -> None:
    try:
        open("missing.txt")
    except FileNotFoundError as e:
        print(e.errno)


if __name__ == "__main__":
    main()
