# int and float compare exactly, as CPython does, even where float(int) would round.
import math

BIG: int = 9007199254740993


def main() -> None:
    f = 9007199254740992.0
    print(BIG == f, BIG > f, f < BIG, BIG != f, BIG >= f, f <= BIG)
    print(2 ** 53 == f, 2 ** 53 <= f, f >= 2 ** 53)
    big = 9223372036854775807
    print(big < 9.223372036854775807e18, big == 9.223372036854775807e18, big > -math.inf, big < math.inf)
    nan = math.nan
    print(1 < nan, 1 > nan, 1 == nan, 1 != nan, nan <= 1, nan >= 1)
    print(-3 < -2.5, -3 > -3.5, 3 == 3.0, 3 <= 2.999999, 0 == -0.0, -1 < -0.5 < 0 < 0.5 < 1)
    for k in range(-2, 3):
        print(k, k < 0.5, k >= -1.5, k == k * 1.0)


if __name__ == "__main__":
    main()
