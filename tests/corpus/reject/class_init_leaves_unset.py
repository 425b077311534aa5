class Point:
    x: int
    y: int

    def __init__(self, x: int) -> None:
        self.x = x


def main() -> None:
    print(Point(1).x)


if __name__ == "__main__":
    main()
