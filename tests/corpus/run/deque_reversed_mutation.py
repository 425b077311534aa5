from collections import deque


def main() -> None:
    d: deque[int] = deque([1])
    for x in reversed(d):
        d.appendleft(x + 10)
    print(d)
    e: deque[int] = deque([1, 2, 3])
    try:
        for x in reversed(e):
            e.append(x)
    except RuntimeError as err:
        print("RuntimeError", err, e)
    f: deque[int] = deque([1])
    try:
        for x in f:
            f.append(x)
    except RuntimeError as err:
        print("RuntimeError", err, f)


main()
