# Reference cycles: garbage cycles are collected while cycles still referenced from a
# local, a global, a list or a dict survive every collection and read back intact.


class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.next: Node | None = None
        self.prev: Node | None = None


def ring(prefix: str, n: int) -> Node:
    """A doubly linked ring of n nodes; returns its first node."""
    first = Node(prefix + "0")
    last = first
    for i in range(1, n):
        node = Node(prefix + str(i))
        node.prev = last
        last.next = node
        last = node
    last.next = first
    first.prev = last
    return first


def walk(start: Node) -> str:
    names: list[str] = [start.name]
    node = start.next
    while node is not None and node.name != start.name:
        names.append(node.name)
        node = node.next
    return ",".join(names)


def churn(rounds: int) -> int:
    """Makes and drops many garbage rings: enough tracked allocations to force collections."""
    total = 0
    for i in range(rounds):
        r = ring("g", 3 + i % 5)
        total += len(r.name)
    return total


kept_global = ring("G", 4)


def main() -> None:
    local_ring = ring("L", 3)
    in_list: list[Node] = [ring("A", 2), ring("B", 5)]
    in_dict: dict[str, Node] = {"x": ring("X", 3)}
    # A cycle reachable only from the middle of another object's field.
    holder = Node("holder")
    holder.next = ring("H", 6)
    # A node whose only strong reference is a field of a node of a garbage-looking ring.
    tail = ring("T", 2)
    inner = tail.next
    tail = Node("fresh")
    print(churn(50000))
    print(walk(local_ring))
    print(walk(kept_global))
    for r in in_list:
        print(walk(r))
    print(walk(in_dict["x"]))
    held = holder.next
    if held is not None:
        print(walk(held))
    if inner is not None:
        print(walk(inner))
    print(tail.name)
    # Drop the references one by one, churning between, and read what is left.
    in_list.pop()
    print(churn(20000))
    print(walk(in_list[0]))
    del in_dict["x"]
    print(churn(20000), len(in_dict))
    print(walk(local_ring), walk(kept_global))


main()
