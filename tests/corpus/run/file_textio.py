from typing import TextIO, Optional
import sys
import typing


def count(f: TextIO) -> int:
    return len(f.readlines())


def opener(p: str) -> typing.TextIO:
    return open(p)


class Reader:
    def __init__(self, f: TextIO) -> None:
        self.f = f
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return self.f.readline()


def main() -> None:
    print(count(open(sys.argv[1])))
    g = opener(sys.argv[1])
    print(g.closed, g.name == sys.argv[1], g.mode)
    r = Reader(g)
    print(repr(r.next()), r.n)
    maybe: Optional[TextIO] = None
    if maybe is None:
        maybe = open(sys.argv[1])
    if maybe is not None:
        print(maybe.read())
    files = [open(sys.argv[1]), open(sys.argv[1])]
    print([f.readline() for f in files])
    d: dict[str, TextIO] = {"a": open(sys.argv[1])}
    print(d["a"].read())
    with open(sys.argv[1], "rt") as h:
        print(h.closed, h.mode, len(h.name) > 0)
    print(h.closed)


if __name__ == "__main__":
    main()
