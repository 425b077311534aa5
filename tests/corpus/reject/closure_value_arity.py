from typing import Callable


def twice(f: Callable[[int], int]) -> int:
    return f(1, 2)


print(twice(lambda x: x))
