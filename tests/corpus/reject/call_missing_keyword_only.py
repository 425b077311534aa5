def scale(xs: list[float], *, factor: float) -> list[float]:
    return [x * factor for x in xs]


def main() -> None:
    print(scale([1.0, 2.0]))


main()
