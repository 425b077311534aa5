import math
from math import isclose, fsum


def main() -> None:
    print(math.fsum([0.1] * 10), sum([0.1] * 10), fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum([1, 2, 3]))
    print(fsum([1e308, 1e308, -1e308] if False else [0.5, 0.25]), math.fsum([math.inf, 1.0]), math.fsum([2.0 ** 53, 1.0, 1.0]), math.fsum(x / 7 for x in range(10)))
    print(isclose(1.0, 1.0 + 1e-10), isclose(1.0, 1.1), math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-12, abs_tol=1e-9), isclose(math.inf, math.inf), isclose(math.nan, math.nan))
    print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([0.5, 4.0]), math.prod([2 ** 40, 2 ** 40, 0]), math.prod(range(1, 11)))
    print(math.log(8, 2), math.log(100, 10), math.log(2.0, 0.5), math.log(1, 3))
    for f in [lambda: math.fsum([1e308, 1e308]), lambda: math.fsum([math.inf, -math.inf]), lambda: math.log(0, 2), lambda: math.log(5, 1), lambda: float(isclose(1.0, 2.0, rel_tol=-1.0))]:
        try:
            print(f())
        except (ValueError, OverflowError, ZeroDivisionError) as e:
            print(type(e).__name__, e)


main()
