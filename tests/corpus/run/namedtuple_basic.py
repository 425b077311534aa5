# typing.NamedTuple: construction with defaults, repr, fields by name and index, unpacking,
# iteration of fields of one type, equality/hash/ordering as tuples, _replace, _asdict, _fields.
from typing import NamedTuple
import typing


class Point(NamedTuple):
    x: int
    y: int


class Item(typing.NamedTuple):
    """A thing with a price."""
    name: str
    price: float
    qty: int = 1

    def total(self) -> float:
        return self.price * self.qty


class Pair(NamedTuple):
    a: list[int]
    b: list[int]


def main() -> None:
    p = Point(1, 2)
    q = Point(y=5, x=3)
    print(p, q, repr(p), [p, q], {"k": p}, p.x, p.y, p[0], p[-1], p[1], len(p))
    x, y = q
    print(x, y, p == Point(1, 2), p != q, p < q, sorted([q, p]), max(p, q), hash(p) == hash((1, 2)))
    print(list(p), sum(q), [v * 2 for v in p], p[:1], p[::-1])
    for a, b in [p, q]:
        print(a + b)
    it = Item("pen", 1.5)
    print(it, it.total(), Item("ink", 2.0, 3).total(), it._replace(qty=4), it._replace(name="nib", price=0.5), it)
    print(Point._fields, Item._fields, p._asdict(), q._asdict()["y"])
    seen: dict[Point, str] = {p: "first"}
    seen[Point(1, 2)] = "again"
    print(seen, Point(1, 2) in seen, len(seen))
    pr = Pair([1], [2, 3])
    pr.a.append(9)
    print(pr, pr._asdict(), pr == Pair([1, 9], [2, 3]))
    name, price, qty = it
    print(name, price, qty)


main()
r = Point(3, 4)
print(r == (3, 4), (3, 4) == r, r < (3, 5), (0, 0) <= r, r != (3, 4))
