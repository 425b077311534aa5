class Node:
    def __init__(self, value: int, next: "Node | None" = None) -> None:
        self.value = value
        self.next = next


def f(n: Node) -> int:
    if n.next is not None:
        n.next = None
        return n.next.value
    return 0


print(f(Node(1, Node(2))))
