from typing import NamedTuple


class P(NamedTuple):
    x: int
    s: str


p = P(1, "a")
for v in p:
    print(v)
