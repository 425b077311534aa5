from typing import Iterator


def take(n: int, it: Iterator[int]) -> list[int]:
    out: list[int] = []
    for v in it:
        if len(out) >= n:
            break
        out.append(v)
    return out


def evens(limit: int) -> Iterator[int]:
    return (i for i in range(limit) if i % 2 == 0)


def scaled(xs: list[int], k: int) -> Iterator[int]:
    return (x * k for x in xs)


def noisy(n: int) -> Iterator[int]:
    for i in range(n):
        print("  make", i)
        yield i


class Item:
    def __init__(self, name: str, price: float) -> None:
        self.name = name
        self.price = price


WORDS = ["delta", "alpha", "charlie", "bravo"]
LENGTHS = (len(w) for w in WORDS)


def main() -> None:
    print(take(3, evens(20)), list(evens(7)))
    xs = [1, 2, 3]
    g = scaled(xs, 10)
    xs.append(4)
    print(list(g))
    k = 2
    h = (x + k for x in range(3))
    k = 100
    print(list(h))
    pairs = ((i, c) for i, c in enumerate("abc"))
    for i, c in pairs:
        print(i, c)
    lazy = (v * v for v in noisy(4))
    print("created")
    print(next(lazy))
    print("between")
    print(list(lazy))
    nested = (a * b for a in range(1, 4) for b in range(a) if (a + b) % 2 == 1)
    print(list(nested))
    print(next(LENGTHS), list(LENGTHS))
    items = [Item("pen", 1.5), Item("book", 12.25), Item("cup", 4.0)]
    cheap = (it.name for it in items if it.price < 5)
    print(sorted(cheap))
    doubled = (2 * v for v in (v + 1 for v in range(4)))
    print(list(doubled))
    chars = (c.upper() for c in "gen" if c != "e")
    print(next(chars), list(chars), list(chars))
    words = {w: n for w, n in ((w, len(w)) for w in WORDS)}
    print(words)
    tot = 0
    for sq in (n * n for n in range(5)):
        tot += sq
    print(tot)
    data = {"a": 1, "b": 2}
    print(list(k2 + str(v2) for k2, v2 in data.items()))
    print(take(4, (f for f in noisy(100) if f % 3 == 0)))


main()
