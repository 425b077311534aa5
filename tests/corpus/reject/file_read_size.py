def main() -> None:
    with open("data.txt") as f:
        head = f.read(10)
    print(head)


if __name__ == "__main__":
    main()
