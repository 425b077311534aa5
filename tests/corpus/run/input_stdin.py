import sys


def main() -> None:
    name = input("name? ")
    print("hello", name)
    n = int(input())
    total = 0
    for i in range(n):
        total += int(input())
    print("total", total)
    rest = sys.stdin.readline()
    print(repr(rest))
    for line in sys.stdin:
        print("line", line.rstrip("\n"))
    try:
        input("more? ")
    except EOFError as e:
        print("EOFError", e)
    print(sys.stdin.read() == "", sys.stdin.closed, sys.stdin.name)


main()
