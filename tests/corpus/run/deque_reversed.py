from collections import deque


def main() -> None:

    d = deque([1, 2, 3, 4])
    for x in reversed(d):
        print(x, end=" ")
    print()
    print([x * 10 for x in reversed(d)], [(i, x) for i, x in enumerate(reversed(d))])
    e: deque[str] = deque()
    for s in reversed(e):
        print(s)
    try:
        for x in reversed(d):
            if x == 3:
                d.appendleft(0)
    except RuntimeError as err:
        print("RuntimeError", err, d)
    for x in reversed(d):
        d[0] = x
    print(d)


main()
