COUNTS: dict[str, int] = {}


def count(text: str) -> None:
    for w in text.split():
        if w in COUNTS:
            COUNTS[w] += 1
        else:
            COUNTS[w] = 1


def first(xs: list[list[int]]) -> int:
    return xs[0][-1]


count("a b a")
print(COUNTS, first([[1, 2], [3]]))
