import itertools
from itertools import count, islice, chain, groupby, accumulate


def main() -> None:
    gs = list(groupby("aabbc"))
    for k, g in gs:
        print(k, list(g))
    it = groupby([1, 1, 2, 2, 2, 3])
    k1, g1 = next(it)
    print(k1, next(g1))
    k2, g2 = next(it)
    print(k2, list(g1), list(g2))
    print(list(islice(count(), 0)), list(islice(chain("ab", "cd"), 3)))
    print(list(accumulate([3, 1, 4], lambda a, b: a * b)), list(accumulate(["a", "b", "c"])))
    print(list(itertools.zip_longest([1], [2, 3])))
    print(list(itertools.product("ab", repeat=2)), list(itertools.product()))
    print(list(itertools.combinations("abc", 0)), list(itertools.combinations([1, 2], 3)))
    print(list(itertools.permutations([1, 2], 1)), list(itertools.permutations([], 0)))
    c = itertools.cycle([1, 2])
    print(next(c), next(c), next(c))
    print(list(itertools.takewhile(lambda s: s != "stop", ["a", "b", "stop", "c"])))
    print(list(itertools.dropwhile(lambda v: v < 0, iter([-2, -1, 0, -3]))))
    print(sum(itertools.repeat(7, 4)), [p for p in itertools.permutations("ab")])
    print(list(itertools.groupby([(1, "a"), (1, "b"), (2, "c")], key=lambda t: t[0]))[0][0])
    for key, grp in itertools.groupby(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda w: w[0]):
        print(key, list(grp))


main()
