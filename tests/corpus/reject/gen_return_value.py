from typing import Iterator


def upto(n: int) -> Iterator[int]:
    for i in range(n):
        yield i
    return n


print(list(upto(3)))
