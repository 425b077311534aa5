from itertools import pairwise, starmap, combinations_with_replacement
from typing import Iterator
import itertools


def gen(n: int) -> Iterator[int]:
    for i in range(n):
        print("gen", i)
        yield i


def power(a: int, b: int) -> int:
    return a ** b


print(list(pairwise([1, 2, 3, 4])))
print(list(pairwise("abc")))
print(list(pairwise([1])), list(pairwise([])))
for a, b in pairwise(gen(3)):
    print("pair", a, b)
print(list(starmap(power, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(lambda x, y: x + y, [(1, 2), (3, 4)])))
print(list(itertools.starmap(lambda s, n: s * n, [("ab", 2), ("c", 3)])))
print(list(combinations_with_replacement("ABC", 2)))
print(list(combinations_with_replacement([1, 2, 3], 3)))
print(list(combinations_with_replacement([1, 2], 0)))
print(list(combinations_with_replacement([], 2)))
print(list(combinations_with_replacement([], 0)))
r = 2
print(list(combinations_with_replacement(range(3), r)))
print(sum(1 for _ in combinations_with_replacement(range(5), 3)))
