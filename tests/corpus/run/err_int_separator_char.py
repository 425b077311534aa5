# int() strips only ASCII whitespace after the transformation to ASCII: \x1c..\x1f are
# whitespace for str.isspace() but not for int().
def main() -> None:
    print(int("\u2003 7 "), "\x1c".isspace())
    print(int("\x1c5"))


if __name__ == "__main__":
    main()
