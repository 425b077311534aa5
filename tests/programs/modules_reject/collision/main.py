from shapes import area


def scale(x: float) -> float:
    return 2 * x


print(scale(area(1.0)))
