# Cycles through list, dict, set and tuple fields, and through subclasses held by fields
# typed with their base class: all collected when dropped, intact while referenced.


class Tree:
    def __init__(self, label: int, parent: "Tree | None") -> None:
        self.label = label
        self.parent = parent
        self.children: list[Tree] = []
        if parent is not None:
            parent.children.append(self)

    def size(self) -> int:
        return 1 + sum([c.size() for c in self.children])


class Peer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peers: dict[str, Peer] = {}
        self.seen: set[Peer] = set()
        self.edges: list[tuple[int, Peer]] = []


class Base:
    def __init__(self, v: int) -> None:
        self.v = v


class Linked(Base):
    def __init__(self, v: int) -> None:
        super().__init__(v)
        self.back: Holder | None = None


class Holder:
    def __init__(self, item: Base) -> None:
        self.item = item


def make_tree(depth: int, parent: Tree | None, label: int) -> Tree:
    t = Tree(label, parent)
    if depth > 0:
        make_tree(depth - 1, t, label * 2)
        make_tree(depth - 1, t, label * 2 + 1)
    return t


def mesh(n: int) -> Peer:
    ps = [Peer("p" + str(i)) for i in range(n)]
    for i in range(n):
        a = ps[i]
        b = ps[(i + 1) % n]
        a.peers[b.name] = b
        b.seen.add(a)
        a.edges.append((i, b))
    return ps[0]


def subclass_cycle(v: int) -> int:
    link = Linked(v)
    h = Holder(link)
    link.back = h
    return h.item.v


def main() -> None:
    total = 0
    for i in range(3000):
        root = make_tree(4, None, 1)
        total += root.size()
    print("trees", total)
    kept = make_tree(3, None, 1)
    total = 0
    for i in range(5000):
        p = mesh(2 + i % 4)
        total += len(p.peers) + len(p.edges)
    print("meshes", total)
    kept_mesh = mesh(3)
    total = 0
    for i in range(20000):
        total += subclass_cycle(i)
    print("subclass", total)
    print(kept.size(), [c.label for c in kept.children], kept.children[0].parent == kept)
    leaf = kept.children[1].children[0].children[1]
    up = leaf.parent
    if up is not None:
        print(leaf.label, up.label)
    names: list[str] = []
    p = kept_mesh
    for _ in range(4):
        names.append(p.name)
        for k in p.peers:
            p = p.peers[k]
    print(names, len(kept_mesh.seen), [e[0] for e in kept_mesh.edges])


main()
