# `sys.exit(main())` where main returns None: main runs, then the exit status is 0.
import sys
from sys import exit


def main() -> None:
    print("main runs")


def report() -> None:
    print("report runs")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 5:
        sys.exit(report())
    exit(main())
