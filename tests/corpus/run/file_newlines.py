import sys


def main() -> None:
    path = sys.argv[1]
    with open(path) as f:
        text = f.read()
    print(repr(text))
    print(text.count("\r"), text.count("\n"))
    with open(path, "r") as f:
        print(f.readlines())
    with open(path, encoding="utf-8") as f:
        n = 0
        for line in f:
            n += 1
            print(n, repr(line))
    with open(path, "rt") as f:
        first = f.readline()
        rest = f.read()
        print(repr(first), repr(rest), repr(f.read()), repr(f.readline()))
    f = open(path)
    lines: list[str] = []
    while True:
        line = f.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
    f.close()
    print(lines, len(lines))
    print(list(open(path)) == open(path).readlines())


if __name__ == "__main__":
    main()
