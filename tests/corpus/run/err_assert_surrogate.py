# A lone surrogate in an exception message: CPython writes stderr with backslashreplace.
def main() -> None:
    s = "x" + chr(0xD800) + chr(0xDFFF) + "é" + chr(0xDC00)
    print(repr(s))
    assert len(s) == 1, s


if __name__ == "__main__":
    main()
