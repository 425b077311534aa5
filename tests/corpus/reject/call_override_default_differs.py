class Shape:
    def scaled(self, factor: int = 1) -> int:
        return factor


class Square(Shape):
    def scaled(self, factor: int = 2) -> int:
        return factor * 4


def main() -> None:
    shapes: list[Shape] = [Shape(), Square()]
    print([s.scaled() for s in shapes])


main()
