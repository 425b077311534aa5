def read_config(path: str) -> list[str]:
    with open(path) as f:
        return f.readlines()


def main() -> None:
    print("reading")
    lines = read_config("no_such_config.txt")
    print(lines)


if __name__ == "__main__":
    main()
