def area(w: int, h: int = 1) -> int:
    return w * h


def main() -> None:
    print(area(w=3, w=4))


main()
