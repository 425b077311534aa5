def main() -> None:
    xs = [2, 1, 0, 4]
    inv = map(lambda v: 10 // v, xs)
    print(next(inv))
    for q in inv:
        print(q)


main()
