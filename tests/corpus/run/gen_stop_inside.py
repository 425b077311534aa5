from typing import Iterator


def firsts(its: list[Iterator[int]]) -> Iterator[int]:
    for it in its:
        yield next(it)


def empty() -> Iterator[int]:
    return
    yield 0


def one() -> Iterator[int]:
    yield 1


def main() -> None:
    print(list(firsts([one(), one()])))
    print(list(firsts([one(), empty(), one()])))


main()
