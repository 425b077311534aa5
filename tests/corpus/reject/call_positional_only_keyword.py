def power(base: int, /, exp: int = 2) -> int:
    return base ** exp


def main() -> None:
    print(power(base=3, exp=3))


main()
