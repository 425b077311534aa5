def keys_of(d: dict[str, int]) -> list[str]:
    ks = d.keys()
    d["new"] = 0
    return list(ks)


def main() -> None:
    d = {"x": 1, "y": 2}
    views = [d.keys(), d.keys()]
    vals = d.values()
    d["z"] = 26
    print(views, vals, bool(vals), keys_of(d), len(views[0]))
    e = d
    d = {"other": 1}
    print(vals, d.values(), e.items())
    total = 0
    for v in vals:
        total += v
    print(total, 26 in vals, "x" in views[1], "q" not in views[1])
    its = e.items()
    print(sorted(its, reverse=True), [k + str(v) for k, v in its], dict(its) == e)
    try:
        for k in views[0]:
            e[k + "!"] = 1
    except RuntimeError as ex:
        print("RuntimeError", ex)


main()
