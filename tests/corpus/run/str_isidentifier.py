def main() -> None:
    for s in ["abc", "_x1", "1abc", "", "a-b", "été", "x²", "℘x", "a·b", "ⅠⅡ", "_", "𝔘𝔫𝔦", "a\u200d", "९x", "x९", "kw if", "\u0300a"]:
        print(repr(s), s.isidentifier())


main()
