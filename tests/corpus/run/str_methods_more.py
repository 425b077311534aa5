def main() -> None:
    texts = ["", "a", "  a b  c  ", "a,b,,c,", "héllo wörld", "x\ty\tzz\n\tw", "line1\nline2\r\nline3\rl4\x0bl5\x1cl6\u2028end\n", "+42", "-7", "ab\u3000cd\u2003 ef"]
    for t in texts:
        print(repr(t))
        print(t.rfind("a"), t.rfind(""), t.rfind("b,"), t.partition(","), t.rpartition(","), t.partition(" "), t.rpartition("l"))
        print(t.split(",", 1), t.split(" ", 0), t.split(",", -1), t.rsplit(","), t.rsplit(",", 1), t.rsplit(" ", 2))
        print(t.rsplit(), t.rsplit(" "), t.splitlines(), t.splitlines(True))
        print(t.removeprefix("a"), t.removesuffix(","), t.removeprefix(""), t.ljust(12), t.rjust(12, "*"), t.center(11, "é"), t.center(12))
        print(t.zfill(6), t.zfill(0), t.expandtabs(), t.expandtabs(4), t.expandtabs(0), t.isascii())
    print("  a b  c  ".split(" ", 2), "a b c d".rsplit(" ", 2))
    for w in ["abc", "b"]:
        try:
            print("xabcab".index(w), "xabcab".rindex(w), "xabcab".index("zz"))
        except ValueError as e:
            print("ValueError", e)
    try:
        print("abc".partition(""))
    except ValueError as e:
        print("ValueError", e)
    try:
        print("abc".ljust(5, "ab"))
    except TypeError as e:
        print("TypeError", e)
    try:
        print("abc".rsplit("", 1))
    except ValueError as e:
        print("ValueError", e)
    head, sep, tail = "key=value=x".partition("=")
    print(head, sep, tail)
    for width in range(0, 9):
        print(repr("abc".center(width, "-")), repr("ab".center(width)), repr("-5".zfill(width)))


main()
