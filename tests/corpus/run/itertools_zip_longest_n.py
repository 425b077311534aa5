from itertools import zip_longest
from typing import Iterator


def gen(tag: str, n: int) -> Iterator[int]:
    for i in range(n):
        print("next", tag, i)
        yield i


print(list(zip_longest([1, 2, 3], "ab", [True])))
print(list(zip_longest([1, 2], [3, 4, 5], [6], fillvalue=0)))
print(list(zip_longest(gen("a", 2), gen("b", 3), gen("c", 1), fillvalue=-1)))
print(list(zip_longest([1])))
print(list(zip_longest([], [], [])))
for a, b in zip_longest("xyz", [1.5]):
    print(a, b)
