def main() -> None:
    pairs: list[tuple[int, str]] = []
    for i in range(10):
        pairs.append((i, "x"))
    print(len(pairs), pairs[3])


if __name__ == "__main__":
    main()
