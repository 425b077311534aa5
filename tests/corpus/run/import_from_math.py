# `from math import ...` (functions and constants, with `as`), `import math as m`, and
# names that shadow imports: parameters, locals and comprehension variables.
from math import sqrt, pi, floor, ceil, inf, nan, tau, isqrt, gcd, fabs, atan2
from math import e as euler, log as ln, exp
import math
import math as m


def hypot(a: float, b: float) -> float:
    # An int argument is fine here: `a` only feeds math functions (CPython gives the same).
    return sqrt(a * a + b * b)


def area(radius: float) -> float:
    return pi * radius ** 2


def shadowed(pi: float) -> float:
    # The parameter shadows the imported `pi`.
    return pi * 2


def local_shadow() -> float:
    # A local assignment anywhere in the function makes `sqrt` a local of the whole function.
    sqrt = 10.0
    return sqrt + 1


def uses_global() -> float:
    global euler
    return euler


def main() -> None:
    print(hypot(3, 4), hypot(5.0, 12.0), sqrt(2), m.sqrt(2) == math.sqrt(2))
    print(area(1.0), floor(pi * 100), ceil(pi), floor(-2.5), ceil(-2.5), floor(7))
    print(inf, -inf, inf > 10 ** 18, nan == nan, tau == 2 * pi, m.tau == tau)
    print(isqrt(99), gcd(84, 36), fabs(-2), atan2(1.0, 1.0) * 4 == pi)
    print(euler, ln(euler), exp(0), ln(1), m.e == euler)
    print(shadowed(1.5), local_shadow(), uses_global())
    print([pi for pi in range(3)], pi)
    squares = {e: e * e for e in [1, 2, 3]}
    print(squares, sqrt(squares[3]))
    total = 0.0
    for k in range(1, 4):
        total += sqrt(k) * m.pi
    print(total)


if __name__ == "__main__":
    main()
