# chr() makes lone surrogates; CPython cannot write one to stdout (UTF-8, strict).
def main() -> None:
    s = "a" + chr(0xD800) + chr(0xDC00) + "b"
    print(len(s), repr(s), [s], s.upper() == s)
    print("before", s, "after")


if __name__ == "__main__":
    main()
