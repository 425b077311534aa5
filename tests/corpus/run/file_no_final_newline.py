import sys


def main() -> None:
    with open(sys.argv[1]) as f:
        lines = f.readlines()
    print(lines)
    print([l.endswith("\n") for l in lines])
    with open(sys.argv[1]) as f:
        text = f.read()
    print(text.split("\n"), len(text))
    with open(sys.argv[1]) as f:
        for line in f:
            print(repr(line), len(line))


if __name__ == "__main__":
    main()
