def main() -> None:
    for v in [0, 1, -1, 255, -255, 9223372036854775807, -9223372036854775807 - 1]:
        print(hex(v), oct(v), bin(v) if -1000 < v < 1000 else "", pow(v, 2, 7), pow(v, 3, -7), pow(3, v % 50, 1000))
    print(hex(True), oct(False), pow(2, 10), pow(2.0, 0.5), pow(2, -1), pow(3, -1, 7), pow(-3, -2, 11), pow(5, 0, 1), pow(5, 0, -1), pow(0, 0, 7))
    for s, b in [("ff", 16), ("0xff", 16), ("0x_ff", 16), ("0XFF", 0), ("0o17", 0), ("0b101", 0), ("101", 2), ("z", 36), ("Z_1", 36), ("  -7f ", 16), ("00", 0), ("0_0", 0), ("10", 0), ("٣", 8), ("7fffffffffffffff", 16), ("-8000000000000000", 16)]:
        print(repr(s), b, int(s, b))
    for s, b in [("010", 0), ("12", 2), ("0x", 16), ("_1", 16), ("1__0", 16), ("0b2", 0), ("", 8), ("ff", 10), ("8", 8), ("1", 1), ("1", 37)]:
        try:
            print(int(s, b))
        except ValueError as e:
            print("ValueError", e)
    for a, b, m in [(2, 5, 0), (2, -1, 4), (6, -1, 9)]:
        try:
            print(pow(a, b, m))
        except ValueError as e:
            print("ValueError", e)


main()
