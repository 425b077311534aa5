def main() -> None:
    s = "hello world, hello"
    print(s.find("o", 5), s.find("o", 5, 7), s.count("l", 3), s.count("l", 3, 10), s.replace("l", "L", 2))
    print(s.startswith(("he", "x")), s.endswith("lo", 0, 5), s.startswith("wor", 6), s.rfind("l", 0, 5), s.index("o", 5))
    print(s.endswith(("x", "lo"), 2), s.startswith(()), "abc".find("", 5), "abc".find("", 3), "abc".count("", 1), "abc".count("", 5))
    print("abc".startswith("", 5), "abc".startswith("", 3), "héllo wörld".find("ö", -5), "héllo".rfind("l", -3, -1), "aaa".replace("", "-", 2))
    print("aaa".replace("", "-", 0), "aaa".replace("", "-", 9), "aaaa".replace("a", "b", -1), "aaaa".replace("aa", "b", 1), "x".count("x", -100, 100))
    print("abcabc".rindex("b", 0, 4), "abc".find("c", 10, 2), "abc".endswith("c", -1), "abc".endswith("ab", 0, -1))
    try:
        print(s.index("z", 2))
    except ValueError as e:
        print("ValueError", e)
    try:
        print(s.rindex("h", 1, 3))
    except ValueError as e:
        print("ValueError", e)


main()
