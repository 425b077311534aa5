from collections import deque, Counter, defaultdict
from typing import Optional

HIST: deque[str] = deque(maxlen=2)


def log(msg: str) -> None:
    HIST.append(msg)


def window(xs: list[int], k: int) -> deque[int]:
    d: deque[int] = deque(maxlen=k)
    for x in xs:
        d.append(x)
    return d


def maybe(n: int) -> Optional[deque[int]]:
    if n < 0:
        return None
    return deque(range(n))


class Buf:
    def __init__(self) -> None:
        self.items: deque[tuple[int, str]] = deque()
        self.counts: Counter[str] = Counter()
        self.groups: defaultdict[str, list[int]] = defaultdict(list)

    def push(self, n: int, s: str) -> None:
        self.items.append((n, s))
        self.counts[s] += 1
        self.groups[s].append(n)


def main() -> None:
    log("a")
    log("b")
    log("c")
    print(HIST, window([1, 2, 3, 4], 2), window([], 3))
    m = maybe(3)
    if m is not None:
        m.appendleft(9)
        print(m, len(m))
    print(maybe(-1))
    b = Buf()
    for i, s in enumerate("abcab"):
        b.push(i, s)
    print(b.items, b.counts, b.groups, b.counts.most_common(1))
    table: dict[str, deque[int]] = {"x": deque([1])}
    table["x"].append(2)
    table["y"] = deque()
    print(table)
    dd: deque[deque[int]] = deque([deque([1]), deque()])
    dd[1].extend([5, 6])
    dd.rotate()
    print(dd, dd[0] == deque([5, 6]))
    counters = [Counter("ab"), Counter("ba")]
    print(counters[0] == counters[1], counters)


main()
