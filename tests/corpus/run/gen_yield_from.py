from typing import Iterator


class Node:
    def __init__(self, name: str, kids: list["Node"]) -> None:
        self.name = name
        self.kids = kids

    def __repr__(self) -> str:
        return "Node(" + self.name + ")"


def preorder(n: Node) -> Iterator[Node]:
    yield n
    for k in n.kids:
        yield from preorder(k)


def depth_first(n: Node, depth: int) -> Iterator[tuple[str, int]]:
    yield n.name, depth
    for k in n.kids:
        yield from depth_first(k, depth + 1)


def flatten(xss: list[list[int]]) -> Iterator[int]:
    for xs in xss:
        yield from xs
    yield from [-1, -2]
    yield from [0]


def chunks(s: str, n: int) -> Iterator[list[str]]:
    buf: list[str] = []
    for c in s:
        buf.append(c)
        if len(buf) == n:
            yield buf
            buf = []
    if buf:
        yield buf


def counter(start: int, step: int) -> Iterator[int]:
    def scaled(k: int) -> Iterator[int]:
        i = start
        while i < start + k * step:
            yield i
            i += step
    yield from scaled(3)
    yield from scaled(1)


def letters(word: str) -> Iterator[str]:
    yield from word


def main() -> None:
    tree = Node("a", [Node("b", [Node("d", [])]), Node("c", [])])
    print(list(preorder(tree)))
    print([n.name for n in preorder(tree)])
    for name, d in depth_first(tree, 0):
        print("." * d + name)
    print(list(flatten([[1, 2], [], [3]])))
    print(list(chunks("abcdefg", 3)))
    print(list(counter(10, 5)))
    print(list(letters("héllo")), "".join(letters("xyz")))
    gens = [letters("ab"), letters("cd")]
    for g in gens:
        print(next(g))
    for g in gens:
        print(list(g))


main()
