class Empty:
    pass


def main() -> None:
    e = Empty(1)
    print(e is not None)


main()
