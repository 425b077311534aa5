def f() -> int:
    return 1


def main() -> None:
    print(len("abc"))
    len = 3
    print(len)


main()
