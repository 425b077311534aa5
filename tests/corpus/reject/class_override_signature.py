class Shape:
    def area(self) -> float:
        return 0.0


class Square(Shape):
    def area(self) -> int:
        return 4


def main() -> None:
    print(Square().area())


if __name__ == "__main__":
    main()
