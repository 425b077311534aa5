# `c` formats a code point; one out of range raises OverflowError.
def main() -> None:
    for n in [65, 0x263A, 0x10FFFF, 0x110000]:
        print(f"{n:>3c}|{n:x}")


if __name__ == "__main__":
    main()
