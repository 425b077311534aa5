# `from sys import argv, exit` and `import sys as s`: argv is one list (a change made
# through one name is seen through the others), and `exit` ends the program.
import sys
import sys as s
from sys import argv, exit
from sys import exit as stop


def check(n: int) -> int:
    if n >= 0:
        return n * 2
    # `exit` ends the function: no `return` needed after it.
    exit(5)


def main() -> int:
    print(len(argv), argv[1:], len(sys.argv) == len(s.argv))
    argv.append("extra")
    print(sys.argv[1:], s.argv[-1], len(argv))
    args = sys.argv
    args.append("more")
    print(argv[1:])
    print(check(21))
    if len(argv) > 10:
        stop(9)
    return 3


if __name__ == "__main__":
    exit(main())
