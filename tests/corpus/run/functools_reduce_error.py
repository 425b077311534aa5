from functools import reduce


def ratio(xs: list[int]) -> int:
    return reduce(lambda a, b: a // b, xs)


print(ratio([100, 5, 2]))
print(ratio([100, 5, 0]))
