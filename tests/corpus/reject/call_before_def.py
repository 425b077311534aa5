print(double(21))


def double(x: int) -> int:
    return 2 * x
