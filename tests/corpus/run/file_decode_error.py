import sys


def main() -> None:
    path = sys.argv[1]
    with open(path) as f:
        good = 0
        try:
            for line in f:
                good += 1
        except UnicodeDecodeError as e:
            print("after", good, "lines:", e)
    try:
        with open(path, encoding="utf-8") as f:
            f.read()
    except ValueError as e:
        print(type(e).__name__, e)
    with open(path) as f:
        print(len(f.readline()))
        f.readlines()


if __name__ == "__main__":
    main()
