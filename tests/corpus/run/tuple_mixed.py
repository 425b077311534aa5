def min_max(xs: list[int]) -> tuple[int, int]:
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


def main() -> None:
    point: tuple[int, int] = (3, 4)
    x, y = point
    print(point, x, y, point[0], point[-1], len(point))
    a = 1
    b = 2
    a, b = b, a
    print(a, b)
    record: tuple[str, int, float] = ("widget", 7, 2.5)
    name, qty, price = record
    print(name, qty, price, qty * price, record)
    print((1,), (), (1, "a", 2.0, True, None), ((1, 2), (3, 4)))
    nested = ((1, 2), (3, 4))
    (p, q), (r, s) = nested
    print(p + q + r + s)
    print((1, 2) == (1, 2), (1, 2) < (1, 3), (2, 0) > (1, 99), (1, 2) < (1, 2, 0))
    print(2 in (1, 2, 3), 5 in (1, 2, 3), "b" in ("a", "b"))
    pairs = [(1, "one"), (3, "three"), (2, "two")]
    print(sorted(pairs), pairs[1][1])
    coords: list[tuple[float, float]] = [(0.0, 0.0), (1.5, -2.0)]
    for cx, cy in coords:
        print(cx, cy)
    print(coords)
    t = (1, 2, 3)
    print(t, t[1], t[-1], len(t))
    lo, hi = min_max([4, -2, 9, 0])
    print(lo, hi, min_max([5]))
    print(divmod(17, 5), divmod(-17, 5), {(1, 2), (1, 2), (2, 1)} == {(2, 1), (1, 2)})
    first, *middle, last = [1, 2, 3, 4, 5]
    print(first, middle, last)
    *init, tail = "abc"
    print(init, tail)
    grid: dict[tuple[int, int], str] = {}
    for (gx, gy), ch in zip([(0, 0), (1, 2), (2, 1)], "xyz"):
        grid[(gx, gy)] = ch
    print((1, 2) in grid, grid.get((5, 5), "-"), grid)
    print(max(pairs), min(pairs), t[1:], t + (8,), t * 2)


if __name__ == "__main__":
    main()
