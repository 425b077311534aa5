from typing import cast


def half(n: int) -> float:
    return cast(float, n) / 2


x: float = cast(float, 3)
print(x, half(3))
