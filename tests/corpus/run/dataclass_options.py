from dataclasses import dataclass, field, FrozenInstanceError


@dataclass(frozen=True, order=True)
class P:
    x: int
    y: str = "a"


@dataclass
class Bag:
    items: dict[str, int] = field(default_factory=dict)
    tags: set[int] = field(default_factory=set)
    n: float = field(default=1.5)


@dataclass
class Empty:
    pass


def main() -> None:
    p = P(1)
    q = P(1, "b")
    print(p, q, p < q, p >= q, hash(p) == hash(P(1, "a")), repr(p))
    print(sorted([q, p, P(0, "z")]))
    b = Bag()
    b.items["k"] = 2
    print(b, Bag(), Empty(), Empty() == Empty())
    try:
        q.y = "c"
    except AttributeError as e:
        print("caught", repr(e), str(e))
    d = {p: 1, q: 2}
    print(d)
    p.x = 3


main()
