# f-strings over values of every type: conversions, `=`, nesting, implicit concatenation.
from typing import List, Dict, Tuple


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"

    def __str__(self) -> str:
        return f"({self.x}, {self.y})"


class Plain:
    def __init__(self, n: int) -> None:
        self.n = n


def describe(xs: List[int], d: Dict[str, float], t: Tuple[int, str]) -> str:
    return f"xs={xs} d={d} t={t} {len(xs)=} {t[1]!r}"


def main() -> None:
    p = Point(3, -4)
    print(f"{p} {p!r} {p!s} {[p, p]} {(p, 1)} {p = }")
    q = Plain(7)
    print(f"{q.n} {q.n!r:>4}")
    print(describe([1, 2, 3], {"a": 0.5, "b": -0.0}, (7, "seven")))
    s = "héllo wörld"
    print(f"{s!a} {s!r} {s:.3} {s:~^15} {s!r:>20}|")
    flag = True
    print(f"{flag} {not flag} {flag!r} {flag:>6} {flag:d} {flag:x} {flag:.2f} {flag:^7}|")
    none = None
    print(f"{none} {none!r} {none!s:>6}|")
    nested = {"k": [1.5, 2.25], "j": []}
    print(f"{nested} {nested['k'][1]:.1f} {sorted(nested)}")
    width = 9
    prec = 2
    for v in [1.0, -2.5, 1234.5678, 1e-9, float("inf")]:
        print(f"[{v:{width}.{prec}f}] [{v:<{width}.{prec + 1}e}] [{v:{'+' if v > 0 else ' '}{width},.{prec}f}]")
    print("a" f"b{width}c" "d" f"{prec!r}")
    print(f"{f'{width:>{prec + 2}}'}|{f'{s!r}'[1:4]}|{'x' * 3}")
    print(rf"\n{width}\t" f"\n{{}}")
    print(f"{width = }, {prec=}, { width * prec = }, {width=:>5}, {s=!s}")
    print(f"""{
        width
        + prec
    }""")
    total = 0.0
    rows: List[Tuple[str, int, float]] = [("apple", 3, 0.5), ("kiwi", 12, 0.25), ("fig", 100, 12.125)]
    for name, qty, price in rows:
        total += qty * price
        print(f"{name:<8}|{qty:>4}|{price:>8.3f}|{qty * price:>10,.2f}")
    print(f"{'total':<8}|{'':>4}|{'':>8}|{total:>10,.2f}")
    empty = ""
    print(f"{empty}{empty:>0}{empty:3}|")
    print(f"{ascii('ü→😀')} {ascii(['é', 'ü'])} {format(3.5)} {format(42, '')} {format(p)}")


if __name__ == "__main__":
    main()
