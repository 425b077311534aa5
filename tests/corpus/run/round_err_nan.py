# round() of a float is an int: NaN has none.
import math


def main() -> None:
    values = [2.5, -0.5, math.inf - math.inf]
    for v in values:
        print(v, round(v), round(v, 1))


if __name__ == "__main__":
    main()
