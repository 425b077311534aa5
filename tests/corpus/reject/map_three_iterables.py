def main() -> None:
    xs = [1, 2]
    print(list(map(lambda a, b, c: a + b + c, xs, xs, xs)))


main()
