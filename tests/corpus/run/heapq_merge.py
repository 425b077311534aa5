# heapq.merge: a lazy merge of sorted iterables, ties in argument order.
import heapq
from heapq import merge


def gen(n: int) -> list[int]:
    return [i * n for i in range(5)]


def main() -> None:
    print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
    print(list(merge([1, 1, 2], [], [1, 3])), list(merge([5])), sorted(merge(gen(2), gen(3))))
    words = merge(["apple", "cherry"], ["banana", "date", "fig"])
    print(next(words), next(words), list(words))
    total = 0
    for v in merge(range(0, 10, 3), range(1, 10, 4)):
        total += v
        print(v, end=" ")
    print(total)
    print(list(merge((x * x for x in range(4)), iter([2, 3, 10]))))


main()
