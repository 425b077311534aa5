def main() -> None:
    xs = [1, 2, 3]
    for x in reversed(x + 1 for x in xs):
        print(x)


if __name__ == "__main__":
    main()
