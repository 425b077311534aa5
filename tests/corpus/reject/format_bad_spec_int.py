def main() -> None:
    n = 42
    print(format(n, ".2d"))


main()
