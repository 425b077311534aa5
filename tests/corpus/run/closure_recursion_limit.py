from typing import Callable


def main() -> None:
    def down(n: int) -> int:
        return 0 if n == 0 else 1 + down(n - 1)
    print(down(500))
    f: Callable[[int], int] = down
    print(f(5000))


main()
