from collections import deque


class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.q: deque[Node] = deque()
        self.kids: dict[str, list[Node]] = {}

    def __repr__(self) -> str:
        return "Node(" + self.name + ")"


def build(n: int) -> int:
    total = 0
    for i in range(n):
        a = Node("a" + str(i))
        b = Node("b" + str(i))
        a.q.append(b)
        b.q.append(a)
        a.q.append(a)
        total += len(a.q) + len(b.q)
    return total


print(build(2000))
ring: deque[Node] = deque(maxlen=3)
for i in range(10):
    ring.append(Node(str(i)))
print(ring, ring[0].q)
