from collections import defaultdict
import collections


def show(d: dict[str, int]) -> None:
    # A defaultdict passed where a dict is expected is still one: d[k] inserts.
    print(d["new"], len(d), "new" in d)


def main() -> None:
    counts: defaultdict[str, int] = defaultdict(int)
    for w in "a b a c b a".split():
        counts[w] += 1
    print(counts, dict(counts), len(counts))
    print("z" in counts, counts.get("z", -1), len(counts))
    print(counts["z"], len(counts), counts)
    counts["a"] += counts["q"]
    counts["b"] = counts["b"] * 10 + counts["r"]
    print(counts)
    show(counts)
    print(sorted(counts), sorted(counts.items()), list(counts.values()))
    for k, v in counts.items():
        print(k, v, end="; ")
    print()
    c2 = counts.copy()
    c2["fresh"] += 5
    print(c2, c2 == counts, counts == dict(counts))
    plain = dict(counts)
    try:
        print(plain["nope"])
    except KeyError as e:
        print("KeyError", e)
    print(counts.pop("z"), counts.setdefault("s", 7), counts)
    del counts["a"]
    print(counts, str(counts), repr(counts) == str(counts), f"{counts}")

    groups: defaultdict[int, list[str]] = defaultdict(list)
    for w in ["apple", "fig", "kiwi", "plum", "pear", "banana", "date"]:
        groups[len(w)].append(w)
    print(groups)
    groups[3] += ["yam"]
    print(groups[3], groups[9], groups)

    seen: collections.defaultdict[str, set[int]] = collections.defaultdict(set)
    seen["x"].add(1)
    seen["x"].add(1)
    seen["y"] |= {2, 3}
    print(seen)

    fl: defaultdict[str, float] = defaultdict(float)
    fl["a"] += 1.5
    fl["b"] -= 0.25
    print(fl)

    names: defaultdict[int, str] = defaultdict(str)
    names[1] += "one"
    names[2] += names[3]
    print(names)

    flags: defaultdict[str, bool] = defaultdict(bool)
    print(flags["q"], flags)

    const: defaultdict[str, int] = defaultdict(lambda: 7)
    const["a"] += 1
    print(const["a"], const["b"], dict(const))
    label: defaultdict[int, str] = defaultdict(lambda: "?")
    print(label[3] + label[4], dict(label))
    neg: defaultdict[int, float] = defaultdict(lambda: -1.5)
    print(neg[0], dict(neg))
    lists: defaultdict[str, list[int]] = defaultdict(lambda: [])
    lists["a"].append(1)
    print(dict(lists))

    nested: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a, b in [("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r1", "c1")]:
        nested[a][b] += 1
    print({k: dict(v) for k, v in nested.items()}, len(nested), nested["r1"])
    deep: defaultdict[int, defaultdict[int, defaultdict[int, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    deep[1][2][3].append(4)
    deep[1][5][6].append(7)
    print(deep[1][2], dict(deep[1][5]), len(deep[1]))
    nd: dict[str, defaultdict[str, int]] = {}
    nd["k"] = defaultdict(int)
    nd["k"]["x"] += 2
    print(nd)


main()
