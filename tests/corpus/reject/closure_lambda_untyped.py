def main() -> None:
    inc = lambda x: x + 1
    print(inc(1))


main()
