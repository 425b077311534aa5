# Unpacking a list checks its length at run time, with CPython's messages.
def split(xs: list[int]) -> int:
    a, *rest, b = xs
    return a + b + len(rest)


def main() -> None:
    print(split([1, 2]), split([1, 2, 3, 4]))
    h, t = [5, 6]
    print(h, t)
    xs = [1, 2, 3]
    try_count = 0
    for n in range(3):
        try_count += n
    p, q = xs[:2]
    print(p, q, try_count)
    print(split([7]))


if __name__ == "__main__":
    main()
