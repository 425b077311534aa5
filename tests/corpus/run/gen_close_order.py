from typing import Iterator


def gen(tag: str) -> Iterator[int]:
    try:
        yield 1
        yield 2
    finally:
        print("close", tag)


def first(tag: str) -> int:
    for v in gen(tag):
        return v
    return -1


def hold(tag: str) -> int:
    g = gen(tag)
    v = next(g)
    print("held", v)
    return v


class Box:
    def __init__(self, g: Iterator[int]) -> None:
        self.g = g


def main() -> None:
    print(next(gen("temp")))
    print(first("loop"))
    print(hold("local"))
    b = Box(gen("field"))
    print(next(b.g))
    b.g = gen("field2")
    print("replaced")
    xs = [gen("list")]
    print(next(xs[0]))
    xs.pop()
    print("popped")
    g = gen("end")
    print(next(g))


main()
print("after main")
