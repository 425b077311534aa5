from functools import cache


@cache
def half(x: float) -> float:
    return x / 2


print(half(3.0))
