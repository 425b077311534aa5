def main() -> None:
    seen = {range(3)}
    print(seen)


main()
