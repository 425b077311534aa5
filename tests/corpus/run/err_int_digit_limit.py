# More than 4300 digits: CPython 3.11 refuses the conversion (sys.get_int_max_str_digits()).
def main() -> None:
    print(int("0" * 4300))
    print(int("0" * 4301 + "x"))


if __name__ == "__main__":
    main()
