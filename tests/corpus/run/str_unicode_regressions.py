# Each line was a silent wrong answer when str handled only ASCII and Latin-1.


def show(s: str) -> None:
    print(repr(s), len(s))


def main() -> None:
    # Case mappings from the Unicode database, one-to-many included.
    show("ß".upper())
    show("straße".upper())
    show("Ω".lower())
    show("ΣΟΦΟΣ".lower())
    show("ΣΟΦΟΣ ΚΑΙ ΣΑΣ".lower())
    show("Σ".lower())
    show("AΣ.".lower())
    show("AΣ'a".lower())
    show("ﬁ".upper())
    show("ﬁnance".title())
    show("İ".lower())
    show("ǆ".capitalize())
    show("ǅ".swapcase())
    show("ŉ".upper())
    show("Straße".casefold())
    show("Ǆemal ǆEMAL".title())
    show("hello wORLD, o'neil x1y".title())
    show("hello wORLD".capitalize())
    show("".capitalize())
    show("Hello ÀÉ Ω ж".swapcase())
    # Character classes: non-ASCII is not a letter by default.
    print("😀ok".isalpha(), "ok".isalpha(), "жж".isalpha(), "字".isalpha(), "é".isalpha(), "x\u0301".isalpha())
    print("٣".isdigit(), "²".isdigit(), "²".isdecimal(), "½".isnumeric(), "½".isdigit(), "一".isnumeric())
    print("\u2003".isspace(), "\u3000".isspace(), "\x85".isspace(), "\xa0".isspace(), "\u200b".isspace(), "\x1c".isspace())
    print("ABC".isupper(), "ΑΒΓ".isupper(), "Ⅻ".isupper(), "ǅ".isupper(), "abc1".islower(), "ⓐ".islower(), "".islower())
    print("Hello World".istitle(), "Hello world".istitle(), "ǅemal".istitle(), "1A".istitle(), "".istitle())
    print("".isprintable(), "a b".isprintable(), "a\u200b".isprintable(), "\xa0".isprintable(), "é😀".isprintable())
    print("a1".isalnum(), "a_".isalnum(), "٣x".isalnum(), "".isalnum(), "½".isalnum())
    # Unicode whitespace in split() and strip().
    print("a\u2003b\u3000c\x85d\xa0e\u2028f g".split())
    print(repr("\u2003\u3000 x y \u2003\u3000".strip()), repr("\u3000x\u3000".lstrip()), repr("\u3000x\u3000".rstrip()))
    print("\u2003 \u3000".split(), repr("\u2003\u3000".strip()))
    # int() and float() read Unicode digits and whitespace.
    print(int("٣"), int("\u2003 7 "), int("\xa0-12\u3000"), int("1_٣"), int("\x855"), int("߀߁"))
    print(float("١e٣"), float("٣.٥"), float("\u2003 1.5\u3000"), float("1_0.5"), float("1e1_0"), float("-Infinity"), float(" nan "))
    # repr escapes what is not printable, as CPython's unicode_repr.
    print(repr("\u200b"), repr("\x85\u2028"), repr("\u00a0"), repr("\ufeff"), repr("\U000e0001"), repr("\U0010ffff"))
    print(repr("é😀ж\x7f\x80\x9f\xa1"), repr(chr(0xD800)), repr(chr(0xDFFF) + "'"), ["\u2003", "\x00"], {"\u3000": "\x1b"})


if __name__ == "__main__":
    main()
