# 0 / b for |b| above 2**53 takes the exact-rounding path, which must not scale a zero.
def main() -> None:
    v = 0
    print(v / 9223372036854775807, 0 / -9223372036854775807, v / -(2**60), (v + 1) / 2**60)
    print("end")


if __name__ == "__main__":
    main()
