from dataclasses import dataclass


@dataclass(slots=True)
class P:
    x: int


print(P(1))
