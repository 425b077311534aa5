# Garbage cycles of every shape the collector must free: two nodes pointing at each other,
# rings of ten, parents and children through a list field, peers through a dict field.


class Pair:
    def __init__(self, v: int) -> None:
        self.v = v
        self.other: Pair | None = None


class Ring:
    def __init__(self, v: int) -> None:
        self.v = v
        self.next: Ring | None = None


class Tree:
    def __init__(self, v: int) -> None:
        self.v = v
        self.parent: Tree | None = None
        self.children: list[Tree] = []


class Peer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peers: dict[str, Peer] = {}


def pair(i: int) -> int:
    a = Pair(i)
    b = Pair(1)
    a.other = b
    b.other = a
    return a.v + b.v


def ring(i: int) -> int:
    first = Ring(i)
    last = first
    for j in range(9):
        node = Ring(j)
        last.next = node
        last = node
    last.next = first
    return first.v


def tree(i: int) -> int:
    root = Tree(i)
    child = Tree(1)
    child.parent = root
    root.children.append(child)
    return root.v + len(root.children)


def peers(i: int) -> int:
    a = Peer("a")
    b = Peer("b")
    a.peers["b"] = b
    b.peers["a"] = a
    return i + len(a.peers)


def main() -> None:
    total = 0
    for i in range(20000):
        total += pair(i)
    for i in range(2000):
        total += ring(i)
    for i in range(10000):
        total += tree(i) + peers(i)
    print(total)


main()
