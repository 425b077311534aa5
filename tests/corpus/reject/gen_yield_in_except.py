from typing import Iterator


def safe(xs: list[str]) -> Iterator[int]:
    for x in xs:
        try:
            v = int(x)
        except ValueError:
            yield -1
            continue
        yield v


print(list(safe(["1", "x"])))
