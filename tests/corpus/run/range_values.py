def total(r: range) -> int:
    t = 0
    for i in r:
        t += i
    return t


def make(n: int) -> range:
    return range(n, 0, -2)


def main() -> None:
    print(list(range(5)), sum(range(10)), 3 in range(5), 7 not in range(0, 10, 2))
    r = range(2, 20, 3)
    print(len(r), r[1], r[-1], 5 in r, 6 in r, r, str(r), repr(r), f"{r}!")
    for i in r:
        print(i, end=" ")
    print()
    print(list(r), sorted(r, reverse=True), r.start, r.stop, r.step, r.index(8), r.count(8), r.count(9))
    print(r[1:3], [x for x in reversed(r)], r == range(2, 21, 3), r != range(2, 20), bool(range(0)), bool(r))
    print(range(0) == range(5, 2), range(3, 4, 7) == range(3, 5, 9), r[::-1], r[::2], r[10:], r[-2:])
    print(total(r), total(make(9)), make(9), list(make(9)), len(make(0)))
    print(max(r), min(r), sum(r), set(range(3)), tuple(range(3)), [i * i for i in range(4)], any(r), all(r))
    print(isinstance(r, range), isinstance(3, range))
    rs: list[range] = [range(3), range(1, 4), r]
    print(rs, [len(x) for x in rs], {"r": range(2)})
    for i, v in enumerate(range(10, 13)):
        print(i, v, end="; ")
    print()
    print(list(zip(range(3), "abc")), dict(zip(range(3), range(3, 6))))
    e = range(-5, 5)
    print(e[0], e[-1], e[len(e) - 1], -5 in e, 5 in e, e.index(0))
    big = range(-2**62, 2**62, 2**60)
    print(len(big), big[3], big[-1], 0 in big, big[::3])
    try:
        print(r[6])
    except IndexError as ex:
        print("IndexError", ex)
    try:
        print(r.index(9))
    except ValueError as ex:
        print("ValueError", ex)
    try:
        print(range(1, 2, 0))
    except ValueError as ex:
        print("ValueError", ex)
    try:
        print(r[::0])
    except ValueError as ex:
        print("ValueError", ex)
    huge = range((-2**62) * 2, 2**62 - 1 + 2**62)
    print(huge[5], bool(huge), 3 in huge)
    try:
        print(len(huge))
    except OverflowError as ex:
        print("OverflowError", ex)


main()
