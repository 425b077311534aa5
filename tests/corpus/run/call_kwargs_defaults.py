# Keyword arguments, defaults and keyword-only parameters on plain functions.
import math
from typing import Final

SCALE: Final = 3
BASE = 10


def area(w: int, h: int = 1) -> int:
    return w * h


def label(text: str, *, left: str = "[", right: str = "]", upper: bool = False) -> str:
    if upper:
        text = text.upper()
    return left + text + right


def span(lo: int, hi: int, /, step: int = 1) -> list[int]:
    return list(range(lo, hi, step))


def mix(a: float, b: float = -0.0, t: tuple[int, str] = (1, "one"), flag: bool = True, name: str = "é") -> str:
    return str(a) + " " + str(b) + " " + str(t) + " " + str(flag) + " " + name


def scaled(x: int, factor: int = SCALE * BASE, root: float = math.sqrt(2.0)) -> float:
    return x * factor * root


def nothing(n: None = None) -> str:
    print(n)
    return "none"


def power(x: int, n: int = 2) -> int:
    return x ** n


def main() -> None:
    print(area(3), area(3, 4), area(h=5, w=2), area(7, h=2))
    print(label("x"), label("x", left="<"), label("y", right=">", left="<", upper=True))
    print(span(0, 5), span(0, 10, 3), span(10, 0, step=-4))
    print(mix(1.5))
    print(mix(2.0, 3.5, (2, "two"), False, "z"))
    print(mix(0.25, name="n", flag=False))
    print(mix(b=1e16, a=5e-324))
    print(scaled(2), scaled(2, 1), scaled(root=1.5, x=1))
    print(nothing(), nothing(None), nothing(n=None))
    total = 0
    for i in range(5):
        total += power(i) + power(n=3, x=i)
    print(total, power(2, n=62))


BASE = 1000
main()
print(scaled(1))
