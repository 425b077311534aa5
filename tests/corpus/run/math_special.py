# gamma and lgamma (CPython's own Lanczos code, not libm's), ulp, nextafter, fmod,
# remainder, pow, ldexp, frexp, modf and the isnan family, with their errors.
import math
from math import gamma, lgamma


def show(name: str, x: float) -> None:
    try:
        print(name, x, gamma(x), lgamma(x))
    except ValueError as e:
        print(name, x, "ValueError:", e)
    except OverflowError as e:
        print(name, x, "OverflowError:", e)


def main() -> None:
    for x in [0.5, 1.0, 2.5, 5.0, 10.0, 23.0, 24.0, 30.5, 141.5, 171.0, 171.7, -0.5, -1.5, -2.25, -180.5, -250.5, 1e-21, 0.0, -3.0]:
        show("g", x)
    print(math.lgamma(1e300), math.lgamma(1000.5), math.lgamma(-1e-300))
    print(math.ulp(1.0), math.ulp(-1e10), math.ulp(0.0), math.ulp(1.7976931348623157e308), math.ulp(math.inf))
    print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0), math.nextafter(3.0, 3.0))
    print(math.fmod(7.5, 2.0), math.fmod(-7.5, 2.0), math.fmod(7.5, -2.0), math.fmod(3.0, math.inf))
    print(math.remainder(7.5, 2.0), math.remainder(5.0, 2.0), math.remainder(7.0, 2.0), math.remainder(-1.0, math.inf))
    print(math.pow(2, 10), math.pow(2.0, -1.0), math.pow(-2.0, 3.0), math.pow(math.nan, 0.0), math.pow(1.0, math.nan), math.pow(-math.inf, 3.0), math.pow(0.5, -math.inf))
    print(math.ldexp(0.75, 4), math.ldexp(1.0, -1075), math.ldexp(-3, 2))
    print(math.frexp(8.0), math.frexp(-0.1), math.frexp(0.0), math.frexp(math.inf))
    print(math.modf(3.75), math.modf(-2.5), math.modf(math.inf), math.modf(-math.inf))
    m, e = math.frexp(1234.5)
    print(m * 2 ** e == 1234.5, math.ldexp(m, e))
    print(math.isnan(math.nan), math.isnan(1.0), math.isinf(-math.inf), math.isinf(3), math.isfinite(2.0), math.isfinite(math.nan))
    for f in ["pow", "fmod", "remainder", "ldexp"]:
        try:
            if f == "pow":
                print(math.pow(0.0, -1.0))
            elif f == "fmod":
                print(math.fmod(math.inf, 2.0))
            elif f == "remainder":
                print(math.remainder(1.0, 0.0))
            else:
                print(math.ldexp(1.0, 5000))
        except ValueError as e:
            print(f, "ValueError:", e)
        except OverflowError as e:
            print(f, "OverflowError:", e)
    try:
        print(math.pow(10.0, 400.0))
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        print(math.pow(-8.0, 1.0 / 3.0))
    except ValueError as e:
        print("ValueError:", e)
    print(math.lgamma(-200.5))
    print(math.gamma(171.7))


main()
