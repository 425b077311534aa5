from collections import deque


def drain(q: deque[int]) -> int:
    total = 0
    while True:
        total += q.popleft()
        print(total)


drain(deque([3, 4]))
