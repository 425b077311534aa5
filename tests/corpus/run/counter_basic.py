from collections import Counter
import collections


def main() -> None:
    words = "the cat and the hat and the bat sat".split()
    c = Counter(words)
    print(c)
    print(c["the"], c["dog"], len(c), "dog" in c)
    print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1), c.most_common(100))
    c["dog"] += 2
    c["the"] -= 1
    print(c, c.total())
    c.update(["cat", "cat", "emu"])
    c.update("ab")
    print(c)
    letters = Counter("mississippi")
    print(letters, sorted(letters), sorted(letters.items()), list(letters.elements()))
    for ch, n in letters.most_common(3):
        print(ch, n, end="; ")
    print()
    for ch in letters:
        print(ch, letters[ch], end=" ")
    print()
    e: Counter[int] = Counter()
    print(e, len(e), bool(e), e.total(), e.most_common())
    for x in [3, 1, 3, 2, 3, 1]:
        e[x] += 1
    print(e, e[3], e[7], dict(e), e.get(7, -1), e.get(3, -1))
    del e[99]
    del e[1]
    print(e, list(e.keys()), list(e.values()))
    z = collections.Counter([1, 2, 2])
    z[1] -= 1
    print(z == Counter([2, 2]), z == Counter([2]), z != Counter([2, 2]), z)
    d = z.copy()
    d[5] += 1
    print(d, z)
    both = Counter(e)
    both.update(e)
    print(both, both.total())
    pairs: Counter[tuple[int, str]] = Counter([(1, "a"), (1, "a"), (2, "b")])
    print(pairs, pairs[(1, "a")])
    nested = {k: v for k, v in letters.items() if v > 1}
    print(nested, sorted(letters.elements()), [x for x in letters.elements()])
    ties = Counter("abcabcd")
    print(ties.most_common(), ties)
    print(str(ties), repr(ties), f"{ties}")


main()
