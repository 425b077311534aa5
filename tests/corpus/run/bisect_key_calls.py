import bisect

calls: list[int] = []


def key(r: tuple[int, str]) -> int:
    calls.append(r[0])
    return r[0]


def main() -> None:
    recs: list[tuple[int, str]] = [(1, "a"), (3, "c"), (5, "e"), (7, "g"), (9, "i")]
    print(bisect.bisect_left(recs, 6, key=key), calls)
    while calls:
        calls.pop()
    print(bisect.bisect_right(recs, 5, 1, 4, key=lambda r: r[0]))
    bisect.insort(recs, (6, "f"), key=key)
    print(recs, calls)
    while calls:
        calls.pop()
    bisect.insort_left(recs, (0, "z"), lo=0, hi=2, key=key)
    print(recs, calls)
    words = ["a", "bb", "ccc"]
    print(bisect.bisect(words, 2, key=lambda w: len(w)), bisect.bisect_left(words, 2, key=lambda w: len(w)))
    try:
        bisect.bisect_left(recs, 3, -1, key=key)
    except ValueError as e:
        print("ValueError", e)
    try:
        bisect.bisect_left(recs, 100, 0, 50, key=key)
    except IndexError as e:
        print("IndexError", e, calls)


main()
