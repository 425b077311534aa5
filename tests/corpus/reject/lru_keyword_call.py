import functools


@functools.cache
def sq(n: int) -> int:
    return n * n


print(sq(n=3))
