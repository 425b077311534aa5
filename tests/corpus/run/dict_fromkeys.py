def keys() -> list[str]:
    print("keys")
    return ["b", "a", "b"]


def value() -> list[int]:
    print("value")
    return []


def main() -> None:
    d = dict.fromkeys(keys(), value())
    d["a"].append(1)
    print(d)
    print(dict.fromkeys("hello"), dict.fromkeys(range(3), 0.5), dict.fromkeys([]  if False else [1], "x"))
    counts = dict.fromkeys(["x", "y"], 0)
    counts["x"] += 2
    print(counts)


main()
