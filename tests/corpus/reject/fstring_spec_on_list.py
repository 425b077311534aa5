def main() -> None:
    xs = [1, 2, 3]
    print(f"{xs:>12}")


main()
