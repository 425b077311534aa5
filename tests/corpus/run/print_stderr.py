import sys
from sys import stderr, stdout


def main() -> None:
    print("to out")
    print("to err", 1, [2], file=sys.stderr)
    print("a", "b", sep="-", end="!\n", file=stderr)
    print("out again", file=sys.stdout, flush=True)
    n = sys.stdout.write("written\n")
    m = stderr.write("é err\n")
    print(n, m)
    sys.stdout.flush()
    sep = "+"
    print(1, 2, 3, sep=sep, file=sys.stderr)
    print(file=sys.stderr)


main()
