"""dict[int, V] lookups probe inline (mg_hot.c) for ints below 2^61 - 1 in magnitude and
go to the runtime for the rest: -1 and -2 (equal hashes), huge keys, deleted entries,
replaced values of every kind, factories, and the KeyError of a missing key."""
from collections import Counter, defaultdict


def main() -> None:
    d: dict[int, int] = {}
    keys = [0, -1, -2, 1, 2**61 - 2, 2**61 - 1, 2**61, -(2**61) + 1, -(2**61), 9223372036854775807, -9223372036854775807 - 1, 7, 15, 23]
    for i, k in enumerate(keys):
        d[k] = i
    for k in keys:
        print(k in d, d[k], d.get(k, -100), (k ^ 1) in d)
    for k in [-1, 2**61, 7]:
        del d[k]
    for k in keys:
        print(k in d, d.get(k, -100))
    d[-1] = 99
    d[7] = 98
    print(list(d.items()))
    for i in range(2000):
        d[i * 8] = i
    for i in range(0, 2000, 3):
        del d[i * 8]
    s = 0
    for i in range(2000):
        if i * 8 in d:
            s += d[i * 8]
            d[i * 8] = d[i * 8] + 1
    print(s, len(d), sum(d.values()))
    names: dict[int, str] = {1: "one", 2: "two"}
    names[1] = "uno"
    names[2] = names[1] + "!"
    print(names)
    lists: dict[int, list[int]] = {5: [1]}
    lists[5] = [2, 3]
    lists[5].append(4)
    print(lists)
    floats: dict[int, float] = {3: 0.5}
    floats[3] = floats[3] * 3
    print(floats)
    dd: defaultdict[int, list[int]] = defaultdict(list)
    dd[4].append(1)
    dd[4].append(2)
    print(dd[4], dd[9], len(dd))
    c: Counter[int] = Counter([1, 1, 2])
    print(c[1], c[3], 3 in c, len(c))
    try:
        print(d[-1000])
    except KeyError as e:
        print("KeyError", e)
    print(d[2**62])


if __name__ == "__main__":
    main()
