def grow(x: int) -> int:
    return x * 1000003


def main() -> None:
    x = 1
    for i in range(10):
        x = grow(x)
        print(i, x)


if __name__ == "__main__":
    main()
