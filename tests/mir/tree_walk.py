# Reference counting across calls of functions that free nothing: `count` only reads
# fields, so it keeps `left` and `right` borrowed across its recursive calls; `prune`
# replaces a field (which may free the old child), so `total` must own what it reads
# before calling it.
from typing import Optional


class Node:
    def __init__(self, left: Optional["Node"], right: Optional["Node"]) -> None:
        self.left = left
        self.right = right


def count(node: Node) -> int:
    left = node.left
    right = node.right
    if left is None or right is None:
        return 1
    return 1 + count(left) + count(right)


def prune(node: Node) -> int:
    node.left = None
    return 1


def total(node: Node) -> int:
    left = node.left
    if left is None:
        return 0
    return prune(node) + count(left)


def main() -> None:
    tree = Node(Node(None, None), Node(None, None))
    print(count(tree), total(tree), count(tree))


main()
