from typing import Iterator


class P:
    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "P") -> bool:
        return self.v < other.v


def gen() -> Iterator[P]:
    yield P(1)


print(min(gen()).v)
