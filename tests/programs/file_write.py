import sys


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "out.txt"
    with open(path, "w") as f:
        n = f.write("héllo\n")
        f.writelines(["a\n", "b\n"])
        print("x", 1, [2], sep="|", file=f)
        print(f.mode, f.closed, n)
    with open(path) as g:
        print(repr(g.read()))
    with open(path, "a", encoding="utf-8") as h:
        h.write("appended\n")
        h.flush()
    with open(path) as g:
        print(g.readlines())
    w = open(path, "w")
    w.write("short")
    w.close()
    print(open(path).read())
    try:
        w.write("again")
    except ValueError as e:
        print("ValueError", e)
    r = open(path)
    try:
        r.write("nope")
    except OSError as e:
        print(type(e).__name__, e)
    r.close()
    a = open(path, "a")
    try:
        a.read()
    except OSError as e:
        print(type(e).__name__, e)
    a.close()
    try:
        open("/nonexistent-dir/x.txt", "w")
    except FileNotFoundError as e:
        print("FileNotFoundError", e)
    try:
        open("/tmp", "w")
    except IsADirectoryError as e:
        print("IsADirectoryError", e)
    with open(path, "w") as f:
        try:
            f.write("ok" + chr(0xDC80) + "x")
        except UnicodeEncodeError as e:
            print("UnicodeEncodeError", e)
    print(repr(open(path).read()))


main()
