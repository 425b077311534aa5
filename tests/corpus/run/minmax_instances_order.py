from typing import Iterator


class P:
    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "P") -> bool:
        print("cmp", self.v, other.v)
        return self.v < other.v


def gen() -> Iterator[P]:
    for i in [3, 1, 2]:
        print("yield", i)
        yield P(i)


def main() -> None:
    print(min(list(gen())).v)
    print(max(gen(), key=lambda p: p.v).v)


main()


def more() -> None:
    ps = [P(2), P(5), P(1)]
    print(max(ps).v, min(ps).v)


more()
