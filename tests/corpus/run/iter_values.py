from typing import Callable, Iterator


def double(x: int) -> int:
    return x * 2


def is_even(x: int) -> bool:
    return x % 2 == 0


def main() -> None:
    xs = [3, 1, 4, 1, 5, 9, 2, 6]
    it = iter(xs)
    print(next(it), next(it), list(it), list(it))
    s = iter("héllo")
    print(next(s), "".join(s))
    d = {"a": 1, "b": 2, "c": 3}
    k = iter(d)
    print(next(k), list(k))
    t = iter([7, 8, 9])
    print(next(t), sum(t))
    st = iter({5})
    print(next(st), next(st, -1))
    r = iter(range(3, 10, 3))
    print(list(r))
    m = map(double, xs)
    print(list(m), list(m))
    print(list(map(lambda v: v * v, [1, 2, 3])))
    print(list(map(str, xs)), sum(map(len, ["ab", "cde"])))
    print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
    f = filter(is_even, xs)
    print(next(f), list(f))
    print(list(filter(None, [0, 1, 0, 2, 3, 0])), list(filter(lambda w: len(w) > 2, ["a", "abc", "hello"])))
    e = enumerate(["x", "y"], 1)
    print(next(e), list(e))
    z = zip(xs, "abc")
    print(list(z), list(z))
    rv = reversed(xs)
    print(next(rv), list(rv))
    scale = 3
    sc = map(lambda v: v * scale, xs)
    scale = 10
    print(list(sc))
    fn: Callable[[int], int] = lambda v: v - 1
    print(list(map(fn, [5, 6])))
    words = ["apple", "kiwi", "banana"]
    print(sorted(map(lambda w: w.upper(), words)))
    print(max(map(len, words)), min(filter(lambda v: v > 2, xs)), any(map(is_even, xs)), all(map(is_even, xs)))
    print(dict(zip(words, map(len, words))), set(map(lambda v: v % 3, xs)), tuple(map(double, [1])))
    print([v for v in map(double, filter(is_even, xs))])
    for i, w in enumerate(map(lambda w: w[0], words)):
        print(i, w)
    total = 0
    for v in filter(is_even, map(double, range(5))):
        total += v
    print(total)


main()
