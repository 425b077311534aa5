from typing import Iterator


def echo() -> Iterator[int]:
    total = 0
    while True:
        x = yield total
        total += 1


print(next(echo()))
