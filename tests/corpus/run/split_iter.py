# `for x in s.split(sep)` takes the pieces one at a time (Iter::Split): whitespace runs of
# every kind, separators at the ends, rebinding the text inside the loop, enumerate, zip,
# comprehensions, break/else, and an empty separator raising before the first piece.
def words(s: str) -> list[str]:
    out: list[str] = []
    for w in s.split():
        out.append(w)
    return out


def pieces(s: str, sep: str) -> list[str]:
    return [p for p in s.split(sep)]


def main() -> None:
    texts: list[str] = ["", " ", "a", "  a  b ", "héllo wörld\u3000ünï\u2028x", "a,b,,c,", ",", "x\ty\nz\x1c w\x85v", "ß  Σ σ"]
    for t in texts:
        print(words(t), t.split())
        for sep in [",", ",,", "b", "ö", "\u3000"]:
            print(repr(sep), pieces(t, sep), t.split(sep))
    n = 0
    text = "one two  three\nfour"
    for i, w in enumerate(text.split()):
        text = "changed"
        n += len(w) * (i + 1)
        if w == "three":
            break
    else:
        print("no break")
    print(n, text)
    for a, b in zip("1 2 3".split(), "x-y".split("-")):
        print(a, b)
    total = sum(len(w) for w in "ab cde f".split())
    print(total, [w.upper() for w in "ab,cd".split(",") if w != "cd"])
    for w in "q r".split(" "):
        print(repr(w))
    sep = ""
    try:
        for w in "abc".split(sep):
            print(w)
    except ValueError as e:
        print("ValueError:", e)
    for w in "x y".split(sep):
        print(w)


if __name__ == "__main__":
    main()
