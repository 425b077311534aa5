import sys


def main() -> int:
    print("exiting with 7")
    return 7


if __name__ == "__main__":
    sys.exit(main())
