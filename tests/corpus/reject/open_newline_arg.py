def main() -> None:
    with open("data.txt", newline="") as f:
        print(f.readlines())


if __name__ == "__main__":
    main()
