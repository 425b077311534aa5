# sum() of floats: CPython starts from the int 0, so an empty list sums to `0`.
# multigen needs an explicit start unless the argument is a non-empty display.
xs: list[float] = []
ys: list[float] = [0.5, 0.25]
print(sum(xs, 0.0), sum(ys, 0.0), sum([0.5, 0.25]), sum({1.5}), sum([1.5, 2.5], 1.0))
print(sum([1, 2, 3]), sum([x * 2 for x in range(4)]))
e: list[int] = []
print(sum(e), sum(e, 5))


def local_nonempty() -> None:
    # A local bound once to a non-empty display and only grown or sorted: never empty.
    floats: list[float] = [2.5, -1.0, 3.25, 0.0]
    floats.sort()
    floats.append(0.5)
    floats[0] = 1.5
    print(floats, sum(floats), [x for x in floats if x in floats])


local_nonempty()
