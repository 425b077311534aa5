def main() -> None:
    xs = [1, 2, 3]
    squares = (x * x for x in xs)
    print(4 in squares)


if __name__ == "__main__":
    main()
