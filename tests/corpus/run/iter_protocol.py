from typing import Iterator


class Countdown:
    def __init__(self, start: int) -> None:
        self.current = start

    def __iter__(self) -> "Countdown":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Bag:
    def __init__(self, items: list[str]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[str]:
        for it in self.items:
            yield it
        yield "end"


class Fragile:
    def __init__(self) -> None:
        self.n = 0

    def __iter__(self) -> "Fragile":
        return self

    def __next__(self) -> int:
        self.n += 1
        if self.n == 3:
            raise ValueError("third")
        return self.n


def main() -> None:
    for v in Countdown(3):
        print(v)
    print(list(Countdown(4)), sum(Countdown(10)), sorted(Countdown(3)))
    c = Countdown(2)
    print(next(c), next(c))
    try:
        next(c)
    except StopIteration:
        print("done")
    print(list(Bag(["x", "y"])), [s.upper() for s in Bag(["q"])])
    print(any(v > 2 for v in Countdown(5)), max(Countdown(6)))
    for i, s in enumerate(Bag(["a"])):
        print(i, s)
    m = map(lambda v: v * 10, Countdown(3))
    print(list(m))
    try:
        for v in Fragile():
            print("got", v)
    except ValueError as e:
        print("error", e)
    for v in Fragile():
        print(v)


main()
