from typing import Optional, Tuple


class Poly:
    def __init__(self, coeffs: tuple[int, ...]) -> None:
        self.coeffs = coeffs

    def __repr__(self) -> str:
        return f"Poly{self.coeffs}"


def grow(t: tuple[int, ...], n: int) -> tuple[int, ...]:
    t += (n,)
    return t


def first(t: Optional[tuple[str, ...]]) -> str:
    if t is None or len(t) == 0:
        return "-"
    return t[0]


def main() -> None:
    t: tuple[int, ...] = ()
    for i in range(4):
        t = grow(t, i * i)
    print(t, Poly(t), Poly((1,)), first(None), first(("x", "y")), first(()))
    pts: tuple[tuple[int, int], ...] = ((1, 2), (3, 4))
    for a, b in pts:
        print(a + b)
    for i, v in enumerate(t):
        print(i, v, end=" ")
    print()
    d: dict[tuple[int, ...], str] = {(1, 2): "a", (): "e", (3,): "c"}
    print(d, d[(1, 2)], () in d, sorted(d.keys()))
    ts: Tuple[float, ...] = (1.5, 2.5)
    print(ts, sum(ts), ts[::-1], f"{ts}", str(ts), repr(ts), min(ts))
    nested: list[tuple[int, ...]] = [(1,), (), (2, 3)]
    nested.sort()
    print(nested, max(nested, key=lambda x: len(x)), t.index(9))
    try:
        t.index(100)
    except ValueError as e:
        print(e)


main()
