# `None` defaults for optional parameters (`T | None = None`), by position and by keyword.
from typing import Optional


def pick(xs: list[int], i: Optional[int] = None, fallback: int | None = 3, *, tag: str | None = None) -> str:
    if i is None:
        return "none " + str(fallback) + " " + str(tag)
    return str(xs[i]) + " " + str(fallback) + " " + str(tag)


class Node:
    def __init__(self, value: int, next: "Node | None" = None) -> None:
        self.value = value
        self.next = next


def length(n: Node | None = None) -> int:
    count = 0
    while n is not None:
        count += 1
        n = n.next
    return count


print(pick([1, 2]), pick([1, 2], 1), pick([1, 2], i=0, fallback=None), pick([5], tag="t", i=None))
head = Node(1, Node(2, next=Node(value=3)))
print(length(), length(head), length(n=head.next))
