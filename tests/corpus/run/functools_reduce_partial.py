import functools
from functools import reduce, partial
from typing import Callable


def add(a: int, b: int) -> int:
    return a + b


def power(base: int, exp: int) -> int:
    return base ** exp


def scale(x: float, factor: float = 2.0, shift: float = 0.0) -> float:
    return x * factor + shift


from typing import Iterator


def gen(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


print(reduce(add, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 11)))
print(reduce(lambda acc, s: acc + len(s), ["ab", "cde", ""], 0))
print(functools.reduce(lambda a, b: a + b, ["x", "y", "z"], ">"))
print(reduce(lambda a, b: a if a > b else b, [3, 9, 2]))
print(reduce(add, gen(5)))
print(reduce(lambda a, b: a + [b], [1, 2, 3], [0]))
print(reduce(add, [], 7))
print(reduce(add, [5]))
square = partial(power, exp=2)
cube: Callable[[int], int] = partial(power, exp=3)
two_to = partial(power, 2)
print(square(7), cube(3), two_to(10))
print(list(map(square, [1, 2, 3])))
print(sorted([3, -5, 1, -2], key=partial(power, exp=2)))
dbl = partial(scale, shift=1.0)
print(dbl(3.0, 2.0))
inc = partial(add, 1)
print(inc(41))
f2 = partial(inc)
print(f2(1))
g = partial(add, 2)
print(g(3))
def empty() -> None:
    try:
        print(reduce(add, []))
    except TypeError as e:
        print("TypeError:", e)


empty()


def total_len(words: list[str]) -> int:
    return reduce(lambda acc, w: acc + len(w), words, 0)


print(total_len(["alpha", "be", "gamma"]))
mul3 = partial(power, 3)
print([mul3(k) for k in range(5)])
