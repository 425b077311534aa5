# A long digit run followed by junk is an invalid literal (ValueError), not an overflow.
def main() -> None:
    digits = "9" * 25
    print(len(digits))
    print(int(digits + "x"))


if __name__ == "__main__":
    main()
