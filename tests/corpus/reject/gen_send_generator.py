from typing import Generator


def acc() -> Generator[int, int, None]:
    yield 1


print(list(acc()))
