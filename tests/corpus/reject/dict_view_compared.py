def main() -> None:
    d = {"a": 1}
    print(d.keys() == {"a"})


main()
