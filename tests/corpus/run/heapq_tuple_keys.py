"""heapq on tuples whose first field is an int or a float (the sifts compare that field
inline and the rest of the tuple only on a tie): ties, negative keys, NaN and -0.0."""
import heapq


def drain_int(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    h: list[tuple[int, str]] = []
    for it in items:
        heapq.heappush(h, it)
    out: list[tuple[int, str]] = []
    while h:
        out.append(heapq.heappop(h))
    return out


def drain_float(items: list[tuple[float, int]]) -> list[tuple[float, int]]:
    h = list(items)
    heapq.heapify(h)
    out: list[tuple[float, int]] = []
    while h:
        out.append(heapq.heappop(h))
    return out


def main() -> None:
    print(drain_int([(3, "c"), (1, "z"), (3, "a"), (-7, "q"), (1, "b"), (0, ""), (3, "b")]))
    nan = float("nan")
    print(drain_float([(2.5, 1), (nan, 0), (-0.0, 3), (0.0, 2), (2.5, 0), (-1.0, 9), (nan, 5), (1e300, 4)]))
    h: list[tuple[float, int]] = []
    for i in range(40):
        heapq.heappush(h, (float((i * 7919) % 13) / 4.0, i))
    print([heapq.heappop(h) for _ in range(12)])
    print(heapq.heappushpop(h, (0.5, -1)), heapq.heapreplace(h, (100.0, 0)))
    k: list[int] = []
    for i in range(30):
        heapq.heappush(k, (i * 37) % 11 - 5)
    print([heapq.heappop(k) for _ in range(10)])


if __name__ == "__main__":
    main()
