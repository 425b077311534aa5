def main() -> None:
    d = {"a": 1}
    its = d.items()
    print(("a", 1) in its)


main()
