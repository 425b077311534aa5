from functools import lru_cache


@lru_cache
def sq(n: int) -> int:
    return n * n


info = sq.cache_info()
print(info)
