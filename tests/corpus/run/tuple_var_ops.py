def total(t: tuple[int, ...]) -> int:
    s = 0
    for v in t:
        s += v
    return s


def main() -> None:
    t: tuple[int, ...] = (5, 6, 7)
    print(t, t[0], t[-1], len(t), 6 in t, total(t))
    print(t[1:], t + (8,), t * 2, t.index(7), t.count(5), (1,), ())
    u: tuple[str, ...] = ("a",)
    print(u, u == ("a",), t < (5, 7), t == t, hash(t) == hash((5, 6, 7)))
    a, b, c = t
    print(a, b, c, sorted(t, reverse=True), list(t), max(t), sum(t), tuple([3, 1]), tuple("ab"))
    s = {t, (5, 6, 7), (1, 2, 3)}
    print(len(s), {(1, 2): "x"}, bool(t), bool(tuple([])))
    print(t[5])


main()
