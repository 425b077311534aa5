def main() -> None:
    f = open("data.txt", encoding="latin-1")
    print(f.read())


if __name__ == "__main__":
    main()
