# Python evaluates the right-hand side of an item assignment before the target's index.
def key(tag: str) -> str:
    print("key", tag)
    return tag


def val(n: int) -> int:
    print("value", n)
    return n


def main() -> None:
    d: dict[str, int] = {}
    d[key("a")] = val(1)
    xs = [0, 0]
    xs[val(0)] = val(5)
    d[key("b")] = d.get(key("a"), 0) + val(2)
    print(d, xs)


main()
