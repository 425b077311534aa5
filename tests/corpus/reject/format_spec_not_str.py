def main() -> None:
    print(format(3.5, 8))


main()
