# `if k in d: d[k] += a` / `else: d[k] = b` with int constants is one lookup
# (Method::DictGetAdd); what the fusion must not change.
G: dict[str, int] = {}


def main() -> None:
    counts: dict[str, int] = {}
    for w in "the cat and the hat and the bat é é".split():
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    print(counts)
    n: dict[int, int] = {}
    for i in range(30):
        k = i % 4
        if k in n:
            n[k] += -3
        else:
            n[k] = 10
    print(n)
    for w in ["a", "b", "a"]:
        if w in G:
            G[w] += 5
        else:
            G[w] = 0
    print(G)
    other: dict[str, int] = {"x": 1}
    key = "x"
    if key in other:
        other[key] += 1
    else:
        other["y"] = 1
    if "z" in other:
        other["z"] += 2
    else:
        other["z"] = 7
    print(other)
    big: dict[int, int] = {1: 9223372036854775806}
    for j in range(3):
        if 1 in big:
            big[1] += 1
        else:
            big[1] = 0
        print(big)


main()
