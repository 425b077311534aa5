def main() -> None:
    s = "hello, wörld! 123"
    table: dict[int, str] = {ord("l"): "L", ord("ö"): "oe", ord("!"): ""}
    print(s.translate(table))
    print(s.translate({ord("h"): "J"}))
    codes: dict[int, int] = {104: 72, 119: 87}
    print(s.translate(codes))
    print(s.translate(str.maketrans("lo", "01")))
    print(s.translate(str.maketrans("", "", "aeiouö ")))
    print(s.translate(str.maketrans("abc", "xyz", "123")))
    t = str.maketrans({"h": "H", "w": "W!"})
    print(sorted(t.items()), s.translate(t))
    drop: dict[int, str | None] = {ord(","): None, ord("e"): "E"}
    print(s.translate(drop))
    print(str.maketrans("ab", "cd"), str.maketrans("a", "b", "c"))
    try:
        print(str.maketrans("ab", "c"))
    except ValueError as e:
        print("ValueError", e)
    try:
        print(str.maketrans({"ab": "c"}))
    except ValueError as e:
        print("ValueError", e)
    try:
        print("abc".translate({97: 0x110000}))
    except ValueError as e:
        print("ValueError", e)


main()
