# `for x in {constants}` iterates CPython's frozenset constant itself, whose order can
# differ from the set that the same display builds elsewhere.
def main() -> None:
    for e in {-9223372036854775807, 7, 3037000499, -30, 44}:
        print(e)
    print({-9223372036854775807, 7, 3037000499, -30, 44})
    print([x for x in {-1, -2, 9, 17, 33}])
    print({-1, -2, 9, 17, 33})
    for v in {8, 16}:
        print(v)


main()
