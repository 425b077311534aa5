import math
from .util import twice


class Circle:
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return math.pi * self.r * self.r


def area_sum(cs: list[Circle]) -> float:
    return sum(c.area() for c in cs) + twice(0)
