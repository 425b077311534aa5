from typing import Iterator


def two() -> Iterator[str]:
    yield "first"
    yield "second"


def main() -> None:
    g = two()
    print(next(g))
    print(next(g))
    print(next(g))


main()
