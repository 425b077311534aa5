# round(): ints and floats, ties to even, negative ndigits, special values.
import math


def main() -> None:
    halves = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 1e15 + 0.5, -7.5, 0.49999999999999994]
    print([round(x) for x in halves])
    print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.005, 2), round(-0.125, 2))
    print(round(1234.5678, -2), round(1250.0, -2), round(1350.0, -2), round(-1250.0, -2), round(49.9, -2))
    print(round(5e-324, 400), round(1.5, 0), round(-0.4, 0), round(-0.0), round(0.4), round(-0.6))
    print(round(123.456, 1), round(123.456, 10), round(1e300, -299), round(1e300, -301), round(1.4e308, -308), round(-1.5e308, -307))
    print(round(math.inf, 2), round(-math.inf, -1), round(math.nan, 3), round(2.5e-320, 322), round(2.5e-320, 321))
    print(round(15, -1), round(25, -1), round(-25, -1), round(35, -1), round(149, -2), round(150, -2), round(250, -2))
    print(round(7), round(7, 3), round(True), round(False, 2), round(9223372036854775807, -18), round(-9223372036854775808, -18))
    print(round(123, None), round(2.5, None), round(4999999999999999999, -19), round(5000000000000000000, -19))
    for nd in range(-3, 6):
        print(nd, round(math.pi * 1000, nd), round(-math.e * 100, nd), round(12345, nd))
    x = 0.0
    for i in range(10):
        x += 0.1
        print(i, round(x, 1), round(x * 10), f"{round(x, 3):.4f}")


if __name__ == "__main__":
    main()
