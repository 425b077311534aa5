def main() -> None:
    print(round("2.5"))


main()
