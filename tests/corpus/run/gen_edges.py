from typing import Iterator, Generator


def gen(n: int) -> Iterator[int]:
    try:
        for i in range(n):
            yield i
    finally:
        print("cleanup", n)


def boom(n: int) -> Iterator[str]:
    yield "a"
    if n > 0:
        raise ValueError("bad " + str(n))
    yield "b"


def words(s: str) -> Generator[str, None, None]:
    for w in s.split():
        yield w.upper()


def pairs(xs: list[int]) -> Iterator[tuple[int, str]]:
    for x in xs:
        yield x, str(x) * 2


def floats(n: int) -> Iterator[float]:
    x = 0.5
    for _ in range(n):
        yield x
        x *= 3.0


def early(n: int) -> Iterator[int]:
    i = 0
    while True:
        if i >= n:
            return
        yield i * i
        i += 1


def main() -> None:
    for v in gen(5):
        if v == 2:
            break
        print(v)
    print("after break")
    g = gen(3)
    print(next(g))
    g = gen(0)
    print("after rebinding")
    try:
        for s in boom(1):
            print(s)
    except ValueError as e:
        print("caught", e)
    print(list(words("hello big world")))
    print(list(pairs([1, 2, 3])))
    print(dict(pairs([4, 5])))
    it = words("x y")
    print(next(it), next(it), next(it, "end"))
    try:
        next(it)
    except StopIteration:
        print("stop")
    print(any(x > 2 for x in gen(10)))
    print(all(w.isupper() for w in words("a b c")))
    print(sorted(words("b c a")), sum(gen(4)), tuple(gen(2)), set(gen(3)))
    print("-".join(words("p q")), max(floats(4)), min(floats(3)), sum(floats(3)))
    e = gen(0)
    print(list(e), list(e))
    print(list(early(5)), [x + 1 for x in early(3)], {x: x * 2 for x in early(3)})
    for i, w in enumerate(words("one two")):
        print(i, w)
    for a, (b, c) in zip(early(10), pairs([7, 8])):
        print(a, b, c)
    print(any(gen(1)), all(gen(2)), any(early(0)))
    xs: list[int] = [100]
    xs.extend(early(3))
    print(xs)


main()
