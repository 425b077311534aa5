# sum() of ints is one operation: only an exact result outside 64 bits raises
# OverflowError (CPython prints 9223372036854775808 for the last line: multigen's one
# deliberate divergence), not a partial sum on the way.
def main() -> None:
    ys: list[int] = [9223372036854775807, 1, -1]
    print(sum(ys), sum(ys, -3), sum([-9223372036854775807, -1, -1, 1]))
    print(sum(y for y in ys if y != 0), sum(-y for y in ys))
    print(sum(ys, 1))


main()
