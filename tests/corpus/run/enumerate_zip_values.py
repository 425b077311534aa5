def main() -> None:
    for i, c in enumerate("abc", start=1):
        print(i, c)
    for i, c in enumerate(["x", "y"], 10):
        print(i, c)
    print(list(enumerate("ab")), list(zip([1, 2], "ab")), list(enumerate([5, 6], start=-1)))
    pairs = sorted(zip(["b", "a", "c"], [2, 1, 3]))
    print(pairs, sorted(enumerate([3, 1, 2]), key=lambda p: p[1]))
    print(max(zip([1, 5, 3], "xyz")), len(list(zip("abc", [1]))))
    d = dict(zip(["k1", "k2", "k1"], [1, 2, 3]))
    e = dict([("x", 1.5), ("y", 2.5)])
    print(e, dict(enumerate("ab")))
    print(d)


main()
