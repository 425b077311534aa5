from typing import Callable


def safe(f: Callable[[int], int], x: int) -> str:
    try:
        return str(f(x))
    except ZeroDivisionError as e:
        return "error: " + str(e)


def make_divider(d: int) -> Callable[[int], int]:
    def div(x: int) -> int:
        return x // d
    return div


def main() -> None:
    inv: Callable[[int], int] = lambda x: 100 // x
    print(safe(inv, 5), safe(inv, 0))
    print(safe(make_divider(3), 10), safe(make_divider(0), 10))
    items = [3, 0, 1]
    try:
        print(sorted(items, key=lambda v: 10 // v))
    except ZeroDivisionError as e:
        print("key failed:", e)
    print(make_divider(0)(1))


if __name__ == "__main__":
    main()
