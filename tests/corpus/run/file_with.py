import sys


class Stop(Exception):
    pass


def first_long(path: str, n: int) -> str:
    with open(path) as f:
        for line in f:
            if len(line) > n:
                return line.strip()
    return "none"


def count_until(path: str, word: str) -> int:
    count = 0
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            if word in line:
                break
            count += 1
    return count


def raise_inside(path: str) -> None:
    with open(path) as f:
        print("first:", f.readline().strip())
        raise Stop("stopped after one line")


def main() -> None:
    path = sys.argv[1]
    print(first_long(path, 12))
    print(count_until(path, "gamma"))
    for i in range(3):
        with open(path) as f:
            if i == 1:
                continue
            print(i, f.readline().strip())
    try:
        raise_inside(path)
    except Stop as e:
        print("caught:", e)
    keep = open(path)
    with keep as g:
        print(g is keep, g.readline().strip())
    try:
        keep.readline()
    except ValueError as e:
        print("after with:", e)
    with open(path) as a, open(path) as b:
        a.readline()
        print(a.readline().strip(), "|", b.readline().strip())
    total = 0
    try:
        with open(path) as f:
            for line in f:
                total += int(line.split()[-1])
    except ValueError as e:
        print("bad number:", e, "after", total)
    with open(path) as f:
        words = [w for line in f for w in line.split() if w.isalpha()]
    print(words)
    with open(path) as f:
        pass
    print(sorted(open(path))[0].strip())


if __name__ == "__main__":
    main()
