import math
from math import comb, log2


def show(name: str, x: float) -> None:
    try:
        print(name, x, math.acos(x) if abs(x) <= 1 else -9.0, math.asinh(x), math.atan(x), math.cbrt(x), math.erf(x), math.erfc(x), math.tanh(x), math.degrees(x), math.radians(x))
        print(math.expm1(x), math.exp2(x), math.sinh(x), math.cosh(x))
    except OverflowError as e:
        print("OverflowError", e)
    for k in range(6):
        try:
            print(apply(k, x), end=" ")
        except ValueError as e:
            print("ValueError", e, end=" ")
    print()


def apply(k: int, x: float) -> float:
    if k == 0:
        return math.log2(x)
    if k == 1:
        return math.log10(x)
    if k == 2:
        return math.log1p(x)
    if k == 3:
        return math.acosh(x)
    if k == 4:
        return math.atanh(x)
    return math.asin(x)


def main() -> None:
    for x in [0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 10.0, 1e-300, 710.0, -800.0, 1e308, math.inf, -math.inf, math.nan]:
        show("x", x)
    print(math.gcd(12, 18), math.lcm(4, 6), math.lcm(-4, 6), math.lcm(0, 5), comb(10, 3), math.comb(5, 7), math.perm(5, 2), math.perm(3, 5), math.isqrt(99))
    print(math.factorial(0), math.factorial(20), math.comb(60, 30), math.perm(20, 20), math.copysign(1.0, -0.0), math.copysign(3, 2), math.trunc(2.7), math.trunc(-2.7), math.trunc(7), log2(8), math.log10(1000))
    for f2 in [lambda: math.factorial(-1), lambda: math.comb(-1, 2), lambda: math.perm(3, -1), lambda: math.trunc(math.inf), lambda: math.trunc(math.nan)]:
        try:
            print(f2())
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)


main()
