import collections
from collections import deque


class Job:
    def __init__(self, name: str, cost: int) -> None:
        self.name = name
        self.cost = cost

    def __repr__(self) -> str:
        return f"Job({self.name!r}, {self.cost})"


def errors() -> None:
    d: deque[int] = deque()
    try:
        d.pop()
    except IndexError as e:
        print("pop:", e)
    try:
        d.popleft()
    except IndexError as e:
        print("popleft:", e)
    d.extend([1, 2, 3])
    for i in [0, 2, -1, -3, 3, -4]:
        try:
            print("d[", i, "] =", d[i])
        except IndexError as e:
            print("index", i, e)
    try:
        d[5] = 1
    except IndexError as e:
        print("set:", e)
    try:
        d.remove(42)
    except ValueError as e:
        print("remove:", e)
    try:
        print(d.index(3), d.index(2, 1), d.index(2, 0, 2))
        d.index(1, 1)
    except ValueError as e:
        print("index:", e)
    try:
        bad: deque[int] = deque(maxlen=-1)
        print(bad)
    except ValueError as e:
        print("maxlen:", e)
    full = deque([1, 2], maxlen=2)
    try:
        full.insert(0, 5)
    except IndexError as e:
        print("insert:", e)
    try:
        for x in d:
            if x == 2:
                d.append(9)
    except RuntimeError as e:
        print("loop:", e, d)
    names = deque(["x"])
    try:
        for n in names:
            names.rotate(1)
    except RuntimeError as e:
        print("rotate loop:", e)
    for n in names:
        names[0] = n + "!"
    print(names)


def maxlen_cases() -> None:
    d = deque([1, 2, 3, 4, 5], maxlen=3)
    print(d, d.maxlen, len(d))
    d.appendleft(0)
    print(d)
    d.extendleft([10, 11])
    print(d)
    d.extend(range(20, 25))
    print(d)
    z: deque[str] = deque(maxlen=0)
    z.append("a")
    z.extend("bc")
    print(z, z.maxlen, bool(z))
    u: deque[float] = deque()
    print(u.maxlen, u.maxlen is None)
    c = d.copy()
    c.append(99)
    print(d, c, c == d, c.maxlen)
    s = collections.deque("hello", 4)
    print(s)


def mixed() -> None:
    pairs: deque[tuple[int, str]] = deque([(1, "a"), (2, "b")])
    pairs.appendleft((0, "z"))
    print(pairs, pairs[1], (2, "b") in pairs, pairs.count((1, "a")))
    a, b = pairs.pop()
    print(a, b)
    jobs: deque[Job] = deque()
    jobs.append(Job("build", 3))
    jobs.append(Job("test", 2))
    print(jobs, len(jobs))
    j = jobs.popleft()
    print(j.name, jobs[0].cost)
    nested = deque([deque([1, 2]), deque([3])])
    print(nested, [list(x) for x in nested])
    grid: list[deque[int]] = [deque([i, i + 1]) for i in range(3)]
    grid[1].rotate(1)
    print(grid)
    fl = deque([0.5, 1.5, 2.25])
    print(sum(fl), max(fl), min(fl), sorted(fl, reverse=True), fl)
    words = deque(["pear", "fig", "apple"])
    print(sorted(words), sorted(words, key=lambda w: len(w)), "fig" in words, "kiwi" not in words)
    for i, w in enumerate(words):
        print(i, w, end="; ")
    print()
    print([w.upper() for w in words], list(zip(words, fl)))
    words.reverse()
    words.insert(1, "plum")
    words.insert(-1, "date")
    words.insert(100, "end")
    words.insert(-100, "start")
    print(words)
    words.remove("plum")
    del words[0]
    del words[-1]
    print(words, words.index("fig"))
    words[1] = "FIG"
    words[-1] += "!"
    print(words, str(words), repr(words), f"{words}")
    q = deque(range(10))
    q.rotate(3)
    print(q)
    q.rotate(-13)
    print(q)
    q.rotate()
    print(q)
    q.rotate(0)
    print(q, q == deque(range(10)), q != deque(range(10)))
    q.clear()
    print(q, len(q), not q)
    e = deque([1])
    e.rotate(5)
    print(e, e is e, deque([1]) == deque([1]))
    big: deque[int] = deque()
    for i in range(1000):
        big.append(i)
        if i % 3 == 0:
            big.popleft()
    print(len(big), big[0], big[-1], sum(big))
    d2 = deque(big)
    d2.extend(d2)
    print(len(d2), d2[666], d2[667])


errors()
maxlen_cases()
mixed()
