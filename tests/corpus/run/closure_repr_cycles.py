from typing import Callable


def make_multiplier(k: int) -> Callable[[int], int]:
    def mul(x: int) -> int:
        return x * k
    return mul


def top(x: int) -> int:
    return x


def shape(f: Callable[[int], int]) -> str:
    text = repr(f)
    return text.split(" at 0x")[0] + (" ok" if text.endswith(">") else " bad")


def cycle(n: int) -> int:
    # A cell holding a list holding the closure that captures the cell.
    fs: list[Callable[[], int]] = []

    def count() -> int:
        return len(fs) + n

    fs.append(count)
    return fs[0]()


def self_recursive(n: int) -> int:
    def down(k: int) -> int:
        if k == 0:
            return 0
        return 1 + down(k - 1)
    return down(n)


def main() -> None:
    print(shape(make_multiplier(2)))
    print(shape(top))
    print(shape(lambda v: v))
    inner: Callable[[int], int] = lambda v: v + 1
    print(shape(inner))
    print(str(top).split(" at ")[0], f"{top!r}".split(" at ")[0])
    fs = [lambda: 1 for _ in range(2)]
    print([repr(f).split(" at ")[0] for f in fs])
    total = 0
    for i in range(2000):
        total += cycle(i) + self_recursive(3)
    print(total)


print(repr(lambda: 0).split(" at ")[0])
if __name__ == "__main__":
    main()
