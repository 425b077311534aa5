from itertools import islice, count
from typing import Iterator


def gen(n: int) -> Iterator[int]:
    for i in range(n):
        print("gen", i)
        yield i


def main() -> None:
    print(list(islice(range(10), 3)))
    print(list(islice(range(10), 2, 8)))
    print(list(islice(range(10), 2, 8, 3)))
    print(list(islice(range(10), 2, None)))
    print(list(islice(range(10), None)))
    print(list(islice(range(10), None, None, 4)))
    print(list(islice(count(5), 1, 20, 7)))
    print(list(islice("abcdefg", 1, 6, 2)))
    g = gen(10)
    print(list(islice(g, 1, 4, 2)))
    print(next(g))
    g2 = gen(3)
    print(list(islice(g2, 5, 9)))
    for bad in [-1, -2]:
        try:
            islice(range(3), bad)
        except ValueError as e:
            print("stop", bad, e)
        try:
            islice(range(3), bad, 4)
        except ValueError as e:
            print("start", bad, e)
        try:
            islice(range(3), 1, bad)
        except ValueError as e:
            print("stop3", bad, e)
        try:
            islice(range(3), 1, 2, bad + 1)
        except ValueError as e:
            print("step", bad, e)
    it = islice(gen(4), 2)
    print("made")
    print(list(it), list(it))
    n = 2
    print(list(islice([1, 2, 3, 4, 5], n, n + 2)))


main()
print(list(islice(count(), -3)))
