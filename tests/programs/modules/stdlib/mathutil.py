import random
from functools import lru_cache, reduce


@lru_cache(maxsize=None)
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def product(xs: list[int]) -> int:
    return reduce(lambda a, b: a * b, xs, 1)


def roll(seed: int) -> list[int]:
    random.seed(seed)
    return [random.randint(1, 6) for _ in range(5)]
