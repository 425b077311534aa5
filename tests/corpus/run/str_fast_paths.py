# The str runtime's fast paths (ASCII strings, lengths known without counting, results that
# are the string itself) against text with non-ASCII characters going through them.


def show(label: str, s: str) -> None:
    print(label, repr(s), len(s))


def main() -> None:
    texts: list[str] = ["", "abc", "  padded\t", "héllo wörld", "\x1c\x1dx\x1e\x1fy\x85z\u3000w\u2028v ", "ß Σ σ ΣΑΣ", "日本 語", "a\u00a0b"]
    for t in texts:
        print(t.split(), len(t.split()), [len(w) for w in t.split()])
        show("strip", t.strip())
        show("lstrip", t.lstrip())
        show("rstrip", t.rstrip())
        show("strip chars", t.strip("a\tzé "))
        show("strip non-ascii chars", t.strip("ΣwΑ\u3000v"))
        for m in [t.lower(), t.upper(), t.title(), t.capitalize(), t.swapcase(), t.casefold()]:
            show("case", m)
        show("replace", t.replace("l", "ł"))
        show("replace none", t.replace("qq", "x"))
        show("replace shorter", t.replace("wörld", "w"))
        show("replace empty", t.replace("", "-"))
    words = ["word", "wörd", "", "x"]
    for sep in ["", ", ", "→"]:
        show("join", sep.join(words))
        show("join one", sep.join(words[1:2]))
        show("join none", sep.join(words[:0]))
    for w in words:
        s = f"[{w}|{w:>6}|{w:_<7}|{w:^5}|{len(w)}]"
        show("fstring", s)
        show("format", format(w, "*>8"))
        show("format plain", format(w, ""))
        show("format wide", format(w, "<2"))
    hay = "abcabcdabcdeabcdefabcdefgabcdefghabcdefghiabcdefghijklmnopqrstuvwxyzé" * 2
    for n in range(1, 21):
        needle = "abcdefghijklmnopqrst"[:n]
        print(n, needle in hay, hay.find(needle), hay.count(needle), hay.startswith(needle), hay.endswith(needle), hay.rfind(needle))
    print("yzé" in hay, hay.find("zé"), hay.count("é"), hay.endswith("yzé"), hay.startswith("abcabcdabcdeabcdefabcdef"))
    print("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab".count("aab"), ("a" * 50 + "ab").find("aaab"), ("ab" * 40).count("abab"))
    total = 0
    for ch in "aé日\U0001F600z":
        total = total * 31 + ord(ch)
        print(ch, ord(ch), len(ch))
    print(total, str(-1234567), str(0), len(str(9223372036854775807)))
    s = ""
    for i in range(300):
        s += "é" if i % 50 == 0 else chr(97 + i % 26)
    show("grown", s[:20] + s[-20:])
    print(len(s), s.count("é"))
    t = "ab"
    for _ in range(8):
        t += t
    print(len(t), t[:6], t[-3:])
    print(s[5:30], s[::-7][:10], s[-1], s[50], s[1:2])


if __name__ == "__main__":
    main()
