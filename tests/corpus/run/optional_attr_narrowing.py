class Node:
    def __init__(self, value: int, next: "Node | None" = None) -> None:
        self.value = value
        self.next = next

    def drop_next(self) -> None:
        self.next = None


class List:
    def __init__(self) -> None:
        self.head: Node | None = None

    def push(self, v: int) -> None:
        self.head = Node(v, self.head)

    def second(self) -> int:
        if self.head is not None and self.head.next is not None:
            return self.head.next.value
        return -1

    def total(self) -> int:
        t = 0
        node = self.head
        while node is not None:
            t += node.value
            node = node.next
        return t


def show(n: Node) -> str:
    return "Node(" + str(n.value) + ")"


def main() -> None:
    xs = List()
    print(xs.second(), xs.total())
    for i in range(4):
        xs.push(i)
    print(xs.second(), xs.total())
    h = xs.head
    if h is not None and h.next:
        print(show(h.next), h.next.value)
        h.next = h.next.next
        print(h.next is None)
    if xs.head is not None:
        if xs.head.next is not None:
            xs.head.drop_next()
            print(xs.head.next.value)


main()
