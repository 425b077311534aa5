import sys


def report(verbose: bool) -> None:
    print("a")
    print("b", file=sys.stderr)
    sys.stdout.write("c\n")
    sys.stderr.write("d")
    print("e", flush=True)
    sys.stderr.write(" and d\n")
    print("f", flush=verbose)
    print("g", file=sys.stderr, flush=True)
    print("h", end="", flush=False)
    sys.stderr.flush()
    print("i", flush=verbose)


def main() -> None:
    # More than a pipe's default stdio buffer (4096 bytes), less than CPython's 8192.
    print("x" * 5000)
    print("after 5000 bytes", file=sys.stderr)
    report(True)
    report(False)
    print("before the traceback")
    raise ValueError("stdout is flushed before the traceback")


main()
