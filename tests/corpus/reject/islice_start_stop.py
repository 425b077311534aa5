import itertools


def main() -> None:
    print(list(itertools.islice(range(10), 2, 8, 2)))


main()
