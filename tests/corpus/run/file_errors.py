import sys


def try_open(path: str) -> str:
    try:
        with open(path) as f:
            return f.readline()
    except FileNotFoundError as e:
        return "missing: " + str(e)
    except IsADirectoryError as e:
        return "directory: " + str(e) + " " + repr(e)
    except OSError as e:
        return "other OSError: " + type(e).__name__


def closed_reads(path: str) -> None:
    f = open(path)
    print(repr(f.readline()))
    f.close()
    f.close()
    for what in ["read", "readline", "readlines", "iterate", "enter"]:
        try:
            if what == "read":
                f.read()
            elif what == "readline":
                f.readline()
            elif what == "readlines":
                f.readlines()
            elif what == "iterate":
                for line in f:
                    print("never", line)
            else:
                with f:
                    print("never")
        except ValueError as e:
            print(what, "->", e)


def main() -> None:
    print(try_open("no_such_file.txt"))
    print(try_open("no_such_dir/data.txt"))
    print(try_open("."))
    print(try_open(sys.argv[1]), end="")
    closed_reads(sys.argv[1])
    try:
        open("")
    except OSError as e:
        print(type(e).__name__, e)
    try:
        open("nul\0byte.txt")
    except ValueError as e:
        print("ValueError", e)
    caught = 0
    for name in ["a.missing", "b.missing"]:
        try:
            open(name, "r", encoding="utf-8")
        except OSError:
            caught += 1
    print("caught", caught)


if __name__ == "__main__":
    main()
