def f(xs: list[int]) -> list[int]:
    return [x * 2 for x in xs if x % 2 == 1]


def g(d: dict[str, list[int]]) -> int:
    total = 0
    for k, v in d.items():
        total += len(k) * sum(v)
    return total


def main() -> None:
    s = "Hello, Wörld! ünïcode 日本語"
    print(s[0], s[-1], s[7:12], s[::-1], s[::3], s[-5:], s[:0], len(s))
    print(s.upper(), s.lower(), s.find("W"), s.find("zz"), s.count("l"), s.replace("l", "L"))
    print(s.split(), s.split(","), "a,,b,".split(","), "  x  y ".split(), "".split(), "".split(","))
    print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there\nnew"), repr("\\"))
    print(["it's", 'q"', "é", "\x01"], {"k": "v"}, {1.5: [1, 2]}, {(1): {2: 3}})
    print(" x ".strip(), "xxhixx".strip("x"), "..a..".lstrip("."), "..a..".rstrip("."))
    print("abc" < "abd", "abc" < "ab", "b" > "abc", "abc" == "abc", "a" * 3, 3 * "ab", "" * 5)
    print("-".join(["a", "b", "c"]), "".join([]), ",".join(["x"]))
    print("12".isdigit(), "1a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalpha(), " \t".isspace())
    print(s.startswith("Hell"), s.endswith("語"), "ab" in s, "zz" not in s)
    xs = [5, 3, 8, 1, 9, 2]
    ys = xs
    ys.sort()
    print(xs, sorted(xs, reverse=True), xs[1:4], xs[::-1], xs[-2:], xs[10:], xs[:-10])
    xs.insert(0, 100)
    xs.insert(-1, 50)
    xs.insert(99, 7)
    print(xs, xs.pop(), xs.pop(0), xs, xs.index(8), xs.count(50))
    xs.remove(50)
    xs.extend([1, 1])
    xs.reverse()
    print(xs, len(xs), min(xs), max(xs), sum(xs), any([]), all([]), any([0, 0, 1]), all([1, 0]))
    del xs[0]
    del xs[-1]
    print(xs, xs + [0], xs * 2, [0] * 3, xs == [1, 9, 8, 5, 3, 2, 1], [1, 2] < [1, 3], [[1]] == [[1]])
    print(f(xs), f([]))
    d: dict[str, list[int]] = {"a": [1, 2], "bb": [3]}
    d["ccc"] = [4, 5, 6]
    d["a"].append(10)
    print(d, g(d), "a" in d, "z" in d, len(d), d.get("zz", [0]), d.get("a", []))
    del d["bb"]
    print(d, d.pop("a"), d, d.pop("q", [7]), d.setdefault("n", [1]), d)
    e = {i: i * i for i in range(5)}
    e.update({10: 100, 2: -4})
    print(e, list(e.keys()), list(e.values()), sorted(e), sorted(e.values(), reverse=True))
    for k in e:
        print(k, end=" ")
    print()
    for i, (v) in enumerate(["a", "b"]):
        print(i, v)
    for a, b in zip([1, 2, 3], "xy"):
        print(a, b)
    for i, c in enumerate("héllo", 1):
        print(i, c, end="|")
    print()
    st = {3, 1, 2}
    st.add(10)
    st.discard(1)
    st.discard(99)
    print(st, len(st), 3 in st, {1, 2}.issubset({1, 2, 3}), set([1, 1, 2]), set("abca") == {"a", "b", "c"})
    print(str(3), str(2.5), str(True), str([1, 2]), int("  -42 "), float("1e3"), float(" 2.5 "), ord("A"), chr(233), ord("日"))
    print(int("1_000"), [c for c in "abc"], list("xy"), list(range(3)), list(range(10, 0, -3)), sum(range(5)))
    nested = [[1, 2], [3], []]
    flat = [x for row in nested for x in row if x > 1]
    print(flat, [[x, y] for x in range(2) for y in range(2)], {x % 3 for x in range(10)}, {w: len(w) for w in ["aa", "b"]})
    m = [[0] * 3 for _ in range(2)]
    m[1][2] = 5
    m[0][0] += 1
    print(m, max([3, 1, 2]), min("hello"), max(["b", "a"]), min([[2], [1, 5]]))
    counts: dict[str, int] = {}
    for w in "a b a c b a".split():
        counts[w] = counts.get(w, 0) + 1
    print(counts, sorted(counts))


main()
