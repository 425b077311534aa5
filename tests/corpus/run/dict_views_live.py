def main() -> None:
    d = {"a": 1, "b": 2}
    ks = d.keys()
    vs = d.values()
    its = d.items()
    print(ks, vs, its, len(ks))
    d["c"] = 3
    print(ks, len(vs), "c" in ks, 3 in vs)
    for k in ks:
        print(k, end=" ")
    print()
    for k, v in its:
        print(k, v, end="; ")
    print()
    print(sorted(ks), list(vs), sum(vs), max(ks), [k * 2 for k in ks], sorted(set(ks)), str(ks), f"{vs}", repr(its))
    del d["a"]
    print(ks, vs, its, bool(ks), list(its))
    d.clear()
    print(ks, bool(ks), len(its))


main()
