def pair(n: int) -> tuple[int, float]:
    return n * 2, n / 4


def main() -> None:
    total = 0
    acc = 0.0
    for i in range(100000):
        a, b = pair(i)
        total += a
        acc += b
    print(total, acc)


if __name__ == "__main__":
    main()
