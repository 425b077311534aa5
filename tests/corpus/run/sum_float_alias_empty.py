# CPython prints the int 0 here; multigen's float sum stops with NotImplementedError instead of printing 0.0.
def main() -> None:
    xs: list[float] = [1.0]
    ys = xs
    ys.pop()
    print(sum(xs))


main()
