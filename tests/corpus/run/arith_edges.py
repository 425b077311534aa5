# Operator semantics at the edges: floor division and modulo signs, powers,
# shifts, chained comparisons, and/or returning operands, int/float mixing.
import math

BIG: int = 9223372036854775807


def show(a: int, b: int) -> None:
    print(a, b, a // b, a % b, a / b, -a // b, a % -b)


def fshow(a: float, b: float) -> None:
    print(a, b, a // b, a % b, a / b, -a // b, a % -b)


def main() -> None:
    show(7, 3)
    show(-7, 3)
    show(1, -1)
    show(BIG, 2)
    show(-BIG, 3)
    fshow(7.5, 2.0)
    fshow(-0.0, 1.0)
    fshow(1e308, 1e-308)
    fshow(5.0, math.inf)
    print(2 ** 62, (-2) ** 63, 3 ** 0, 0 ** 0, 2 ** -2, 2.0 ** -1, (-8.0) ** 3.0, 10.0 ** 2)
    print(1 << 62, -1 << 63, 5 >> 1, -5 >> 1, -1 >> 100, 1 >> 64, ~0, ~BIG)
    print(0b1010 & 0o17, 0xFF | 0x100, 6 ^ 5, True & False, True | False, True ^ True)
    print(1 < 2 <= 2 < 3, 1 < 2 > 3, 3 > 2 > 1 > 0, 1.5 < 2 < 2.5, 1 == 1.0 == True)
    print(0 or 5, 3 or 5, 0 and 5, 4 and 5, 0.0 or 2.5, False or False, True and 7 > 3)
    x = 10
    print(x if x > 5 else -x, -x if x > 50 else x * 2, 1.5 if x else 2.5)
    print(int(7.9), int(-7.9), int(True), float(3), float(-0.0), bool(0), bool(0.0), bool(-2))
    print(abs(-7), abs(7), abs(-0.0), abs(-2.5), min(3, 1, 2), max(3, 1, 2), min(0.5, -0.5), max(2.0, 2.5))
    print(min(1, 2.5), max(1, 2.5), max(3, 2.5), +x, -(-x), not x, not 0.0)
    print(math.floor(2.5), math.ceil(2.5), math.floor(-0.5), math.ceil(-0.5), math.isqrt(10 ** 18), math.gcd(-12, 18))
    print(math.sqrt(16.0), math.sqrt(2), math.exp(0), math.log(math.e), math.sin(math.pi / 2), math.tan(0.0))
    print(math.atan2(-1.0, -1.0), math.fabs(-3), math.inf > BIG, -math.inf < -BIG, math.pi * 2 == math.tau)
    print(float("inf"), float("-inf"), float("nan"), float("1e3"), 1e300 * 1e10, -1e300 * 1e10)
    print(0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 5e-324)
    print(1.7976931348623157e308, 2.2250738585072014e-308, 100.0, 1.5e200 * 1.5e100, 3.0e-7, 4.35 * 100)
    print(9007199254740993, 9007199254740993.0, float(2 ** 53 + 1), -1.0 * 0.0, 0.0 * -1)
    n = 0
    n += 5
    n -= 2
    n *= 7
    n //= 2
    n %= 7
    n **= 3
    n <<= 2
    n >>= 1
    n |= 1
    n &= 0xFF
    n ^= 0x0F
    print("n", n)
    f = 1.0
    f += 1
    f *= 2.5
    f /= 4
    f -= 0.125
    f //= 0.5
    f %= 3
    f **= 2
    print("f", f)


if __name__ == "__main__":
    main()
