from dataclasses import dataclass


@dataclass(frozen=True)
class P:
    x: int

    def __init__(self, x: int) -> None:
        self.x = x


print(P(1))
