from functools import lru_cache


@lru_cache(maxsize=None)
def total(xs: list[int]) -> int:
    return sum(xs)


print(total([1, 2]))
