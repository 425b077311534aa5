import math


def root(x: float) -> float:
    return math.sqrt(x)


def main() -> None:
    print(root(9.0))
    print(root(-1.0))


main()
