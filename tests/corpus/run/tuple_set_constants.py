# Set displays of constant tuples are frozenset constants in CPython: their order comes
# from building that constant (and a later equal display reuses the first one's order).
def main() -> None:
    a = {(9, 2), (1, -5), (2**40, 7)}
    b = {(2**40, 7), (9, 2), (1, -5)}
    n = 9
    c = {(n, 2), (1, -5), (2**40, 7)}
    print(a, b, c, a == c)
    print({(1, "a"), (2, "b"), (3, "c")} == {(3, "c"), (2, "b"), (1, "a")})
    print({((1, 2), 3), ((4, 5), 6), ((7, 8), 9)})


if __name__ == "__main__":
    main()
