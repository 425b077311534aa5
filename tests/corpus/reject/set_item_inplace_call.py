def more() -> set[int]:
    return {4}


def main() -> None:
    groups: dict[str, set[int]] = {"a": {1}}
    groups["a"] |= more()
    print(groups)


if __name__ == "__main__":
    main()
