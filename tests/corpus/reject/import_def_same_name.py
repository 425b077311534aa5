# CPython rebinds `sqrt` at whichever statement runs last: the def here.
from math import sqrt


def sqrt(x: float) -> float:
    return x / 2


print(sqrt(16.0))
