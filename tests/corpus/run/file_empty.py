import sys


def main() -> None:
    with open(sys.argv[1]) as f:
        print(repr(f.read()), repr(f.readline()), f.readlines())
    n = 0
    for line in open(sys.argv[1]):
        n += 1
    print(n, list(open(sys.argv[1])))
    f = open(sys.argv[1])
    print(repr(f.readline()), repr(f.readline()))


if __name__ == "__main__":
    main()
