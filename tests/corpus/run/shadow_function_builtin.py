def total(xs: list[int]) -> int:
    return sum(xs)


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


def helper() -> int:
    return total([1, 2, 3]) + Box(4).v


def main() -> None:
    total = 5
    max = 3
    len = "shadow"
    Box = "not a class"
    print(total, max, len, Box, helper())
    for sum in range(2):
        print(sum)


main()
