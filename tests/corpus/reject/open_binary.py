import sys


def main() -> None:
    with open(sys.argv[1], "rb") as f:
        print(len(f.read()))


if __name__ == "__main__":
    main()
