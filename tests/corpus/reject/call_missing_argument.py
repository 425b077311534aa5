class Point:
    def __init__(self, x: int, y: int, *, label: str = "") -> None:
        self.x = x
        self.y = y
        self.label = label


def main() -> None:
    p = Point(1, 2)
    q = Point(x=1, label="q")
    print(p.x, q.y)


main()
