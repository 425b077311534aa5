class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peers: list["Node"] = []


def main() -> None:
    xs = [1, 2, 3]
    alias = xs
    xs.clear()
    print(xs, alias, len(alias), xs is alias)
    xs.append(4)
    print(alias)
    d = {"a": [1], "b": [2]}
    keep = d["a"]
    ks = d.keys()
    d.clear()
    print(d, keep, ks, len(ks))
    d["c"] = [3]
    print(d, list(ks))
    a, b = Node("a"), Node("b")
    a.peers.append(b)
    b.peers.append(a)
    a.peers.clear()
    print(len(a.peers), [p.name for p in b.peers])
    nested = [[1, 2], [3]]
    inner = nested[0]
    nested.clear()
    print(nested, inner)


main()
