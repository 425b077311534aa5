# int / int rounds the exact quotient once, as CPython does, also above 2**53
# (dividing two rounded doubles would round twice and can miss the last bit).


def main() -> None:
    x = 12345
    for i in range(400):
        x = (x * 1103515245 + 12345) % 2147483648
        a = x * (4294967296 + i) + i * 7919
        b = (x % 99991 + 1) * (i % 5 * 1000003 + 1)
        if i % 3 == 0:
            a = -a
        if i % 7 == 0:
            b = -b
        print(a / b, b / 3, a / 9007199254740993, 9007199254740993 / (i + 1))
    print(9223372036854775807 / 3, -9223372036854775807 - 1, (-9223372036854775807 - 1) / 7, 0 / -5, 0 / 5)
    print(9007199254740993 / 1, 18014398509481987 / 2, 2 ** 62 / 3, (2 ** 62 + 1) / 3)


if __name__ == "__main__":
    main()
