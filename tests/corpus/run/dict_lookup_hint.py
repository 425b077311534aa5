# Dict lookups reuse a hint to the entry of the last str or int key found, checked against
# the entry before use: deletions, rebuilds, popitem and new key objects at the addresses
# of freed ones must never make a lookup answer for another key.


def main() -> None:
    d: dict[str, int] = {}
    for i in range(200):
        k = str(i % 50) + "x"
        if k in d:
            d[k] += i
        else:
            d[k] = i
        if i % 7 == 0 and k in d:
            del d[k]
        if i % 25 == 0:
            print(k in d, d.get(k, -1), len(d))
    print(sorted(d.items())[:5], len(d))
    for i in range(60):
        k = str(i) + "x"
        if k in d:
            d.pop(k)
        if i % 10 == 0:
            print(k in d, d.get(k, -2))
    print(len(d), d)
    n: dict[int, int] = {}
    for i in range(100):
        n[i] = i * i
        if i % 3 == 0:
            del n[i]
    print(len(n), 3 in n, 4 in n, n.get(3, -1), n.get(4, -1))
    while n:
        j, v = n.popitem()
        if j % 20 == 1:
            print(j, v, j in n, n.get(j, -1))
    n[5] = 1
    print(n, 5 in n, n[5])
    s: dict[str, list[int]] = {}
    for w in "a b a c b a".split():
        if w not in s:
            s[w] = []
        s[w].append(len(s))
    print(s)
    try:
        print(d["missing"])
    except KeyError as e:
        print("KeyError", e)
    t: dict[str, int] = {"only": 1}
    key = "on" + "ly"
    print(key in t, t[key])
    del t["only"]
    print(key in t, t.get(key, 0))


if __name__ == "__main__":
    main()
