from collections import defaultdict


def make() -> int:
    return 3


d: defaultdict[str, int] = defaultdict(make)
print(d["a"])
