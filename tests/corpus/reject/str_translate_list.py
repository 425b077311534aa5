def main() -> None:
    table = ["a", "b"]
    print("abc".translate(table))


main()
