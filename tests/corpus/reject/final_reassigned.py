from typing import Final

LIMIT: Final = 10


def bump() -> None:
    global LIMIT
    LIMIT += 1


bump()
print(LIMIT)
