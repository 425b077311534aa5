import functools
from functools import lru_cache, cache


@lru_cache(maxsize=None)
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@functools.cache
def paths(r: int, c: int) -> int:
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


@lru_cache(maxsize=3)
def sq(x: int) -> int:
    print("computing", x)
    return x * x


@lru_cache
def word(s: str, k: int) -> str:
    return s * k


@functools.lru_cache(maxsize=0)
def zero(x: int) -> int:
    return x + 1


@lru_cache(None)
def pair(t: tuple[int, int]) -> tuple[int, str]:
    return (t[0] + t[1], str(t))


print(fib(90))
print(fib.cache_info())
print(paths(16, 16))
print(paths.cache_info())
for x in [1, 2, 3, 1, 4, 2, 1, 5, 3]:
    print(sq(x))
print(sq.cache_info())
print(sq.cache_info().hits, sq.cache_info().misses, sq.cache_info().maxsize, sq.cache_info().currsize)
sq.cache_clear()
print(sq.cache_info())
print(sq(2))
print(word("ab", 3), word("ab", 3), word("c", 2))
print(word.cache_info())
print(zero(1), zero(1))
print(zero.cache_info())
print(pair((1, 2)), pair((1, 2)))
print(pair.cache_info())
f = fib
print(f(30))
print(list(map(fib, [10, 20])))
print(fib.cache_info())
print(fib.cache_info().maxsize is None)


def deep(n: int) -> int:
    return fib(n)


@lru_cache(maxsize=None)
def down(n: int) -> int:
    if n == 0:
        return 0
    return down(n - 1) + 1


def probe() -> None:
    for k in [100, 498]:
        down.cache_clear()
        try:
            print(down(k))
        except RecursionError as e:
            print(k, "RecursionError", e)


probe()
