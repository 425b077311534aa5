def main() -> None:
    xs: list[float] = [1.0]
    ys = xs
    ys.pop()
    print(sum(xs))


main()
