import heapq
from heapq import heappush, heappop, nsmallest
import bisect
from bisect import bisect_left, insort


class Task:
    def __init__(self, pri: int, name: str) -> None:
        self.pri = pri
        self.name = name

    def __lt__(self, other: "Task") -> bool:
        return self.pri < other.pri

    def __repr__(self) -> str:
        return f"Task({self.pri}, {self.name!r})"


def heaps() -> None:
    h = [9, 4, 7, 1, -2, 6, 5, 4, 4, 0]
    heapq.heapify(h)
    print(h)
    print(heapq.heappushpop(h, -5), heapq.heappushpop(h, 3), h)
    print(heapq.heapreplace(h, 10), h)
    heappush(h, 2)
    print(h, [heappop(h) for _ in range(4)], h)
    e: list[int] = []
    print(heapq.heappushpop(e, 7), e)
    try:
        heappop(e)
    except IndexError as err:
        print("heappop:", err)
    try:
        heapq.heapreplace(e, 1)
    except IndexError as err:
        print("heapreplace:", err)
    fs = [2.5, -1.0, 3.25, 0.0]
    heapq.heapify(fs)
    print(fs, heappop(fs))
    words = ["pear", "fig", "apple", "kiwi", "banana"]
    heapq.heapify(words)
    print(words)
    tasks: list[Task] = []
    for i, name in enumerate(["write", "plan", "ship", "test", "fix"]):
        heappush(tasks, Task((i * 7) % 5, name))
    print(tasks)
    while tasks:
        print(heappop(tasks), end=" ")
    print()
    tup: list[tuple[int, str]] = [(3, "c"), (1, "b"), (1, "a"), (2, "z")]
    heapq.heapify(tup)
    print(tup, heapq.nlargest(2, tup), heapq.nsmallest(3, tup))
    xs = [5, 1, 8, 3, 9, 2, 7, 3]
    print(nsmallest(3, xs), heapq.nlargest(3, xs), nsmallest(0, xs), nsmallest(-2, xs), heapq.nlargest(100, xs))
    print(heapq.nsmallest(2, words, key=lambda w: len(w)), heapq.nlargest(2, words, key=lambda w: len(w)))
    print(heapq.nsmallest(3, range(10, 0, -1)), heapq.nlargest(2, "hello"), heapq.nsmallest(2, {3: "a", 1: "b", 2: "c"}))


def bisects() -> None:
    a = [1, 2, 4, 4, 4, 7, 9]
    for x in [0, 1, 4, 5, 9, 10]:
        print(x, bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x), bisect.bisect_left(a, x, 2), bisect.bisect_right(a, x, 1, 4))
    print(bisect.bisect_left(a, 4, lo=3), bisect.bisect_right(a, 4, hi=4), bisect.bisect_left(a, 4, 0, -1))
    insort(a, 5)
    bisect.insort_left(a, 4)
    bisect.insort_right(a, 0)
    bisect.insort(a, 100, 3)
    print(a)
    try:
        bisect_left(a, 3, -1)
    except ValueError as err:
        print("lo:", err)
    try:
        bisect_left(a, 3, 0, 50)
    except IndexError as err:
        print("hi:", err)
    names = ["ann", "bob", "eve"]
    bisect.insort(names, "dan")
    print(names, bisect.bisect(names, "carl"))
    recs: list[tuple[int, str]] = [(1, "a"), (3, "c"), (5, "e")]
    print(bisect.bisect_left(recs, 3, key=lambda r: r[0]), bisect.bisect_right(recs, 3, key=lambda r: r[0]))
    bisect.insort(recs, (4, "d"), key=lambda r: r[0])
    bisect.insort_left(recs, (3, "C"), key=lambda r: r[0])
    print(recs)
    grades = [60, 70, 80, 90]
    print(["FDCBA"[bisect.bisect(grades, s)] for s in [33, 99, 77, 70, 89, 90, 100]])
    fl = [0.5, 1.5, 2.5]
    print(bisect.bisect_left(fl, 1.5), bisect.bisect_right(fl, 1.5))


heaps()
bisects()
