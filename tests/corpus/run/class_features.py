class Counter:
    total: int = 0
    LABEL = "counter"

    def __init__(self, start: int) -> None:
        self.value = start
        Counter.total += 1

    @property
    def doubled(self) -> int:
        return self.value * 2

    @staticmethod
    def describe(n: int) -> str:
        return "n=" + str(n)

    @classmethod
    def zero(cls) -> "Counter":
        return cls(0)

    def bump(self, by: int) -> "Counter":
        self.value += by
        return self


class Bag:
    def __init__(self) -> None:
        self.items: list[str] = []

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, item: str) -> bool:
        return item in self.items

    def __getitem__(self, i: int) -> str:
        return self.items[i]

    def __setitem__(self, i: int, v: str) -> None:
        self.items[i] = v

    def add(self, s: str) -> None:
        self.items.append(s)


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Point):
            return False
        return self.x == other.x and self.y == other.y

    def __hash__(self) -> int:
        return hash((self.x, self.y))

    def __lt__(self, other: "Point") -> bool:
        return (self.x, self.y) < (other.x, other.y)

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)

    def __mul__(self, k: int) -> "Point":
        return Point(self.x * k, self.y * k)

    def __neg__(self) -> "Point":
        return Point(-self.x, -self.y)

    def __repr__(self) -> str:
        return "Point(" + str(self.x) + ", " + str(self.y) + ")"


class Base:
    def __init__(self, name: str) -> None:
        self.name = name

    def kind(self) -> str:
        return "base"

    def show(self) -> str:
        return self.name + ":" + self.kind()

    def __str__(self) -> str:
        return "<" + self.show() + ">"


class Mid(Base):
    def kind(self) -> str:
        return "mid(" + super().kind() + ")"


class Leaf(Mid):
    def __init__(self, name: str, extra: int) -> None:
        super().__init__(name)
        self.extra = extra

    def kind(self) -> str:
        return "leaf" + str(self.extra)


class Node:
    def __init__(self, value: int) -> None:
        self.value = value
        self.children: list["Node"] = []

    def total(self) -> int:
        t = self.value
        for c in self.children:
            t += c.total()
        return t


def main() -> None:
    c = Counter(5)
    d = Counter.zero()
    print(c.value, d.value, c.doubled, Counter.describe(3), c.describe(4), Counter.total, Counter.LABEL)
    print(c.bump(2).bump(3).value, c.doubled)
    alias = c
    alias.value = 100
    print(c.value, alias is c if False else c.value == alias.value)
    b = Bag()
    print(len(b), bool(b), "x" in b)
    b.add("x")
    b.add("y")
    b[1] = "z"
    print(len(b), bool(b), "x" in b, "y" in b, b[0], b[-1])
    if b:
        print("bag is truthy")
    p = Point(1, 2)
    q = Point(1, 2)
    r = Point(3, -1)
    print(p == q, p != q, p == r, p < r, r > p, p + r, p * 3, -r)
    pts = [r, p, Point(0, 9), q]
    print(sorted(pts), min(pts), max(pts), pts.count(p), pts.index(q), p in pts)
    seen: dict[Point, int] = {}
    for pt in pts:
        seen[pt] = seen.get(pt, 0) + 1
    print(seen, len({p, q, r}))
    things: list[Base] = [Base("a"), Mid("b"), Leaf("c", 7)]
    for t in things:
        print(t.show(), t, isinstance(t, Mid), isinstance(t, Leaf))
        if isinstance(t, Leaf):
            print("extra", t.extra)
    root = Node(1)
    child = Node(2)
    child.children.append(Node(3))
    root.children.append(child)
    root.children.append(Node(4))
    print(root.total(), len(root.children), root.children[0].children[0].value)


if __name__ == "__main__":
    main()
