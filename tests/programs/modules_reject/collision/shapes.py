def scale(x: float) -> float:
    return 3 * x


def area(r: float) -> float:
    return scale(r) * r
