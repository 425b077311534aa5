def norm(x: float, y: float) -> float:
    from math import sqrt
    return sqrt(x * x + y * y)


print(norm(3.0, 4.0))
