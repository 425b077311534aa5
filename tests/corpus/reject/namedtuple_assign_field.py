from typing import NamedTuple


class P(NamedTuple):
    x: int
    y: int


p = P(1, 2)
p.x = 5
print(p)
