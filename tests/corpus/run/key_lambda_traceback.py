def rank(xs: list[int]) -> list[int]:
    return sorted(xs, key=lambda v: 100 // v)


def main() -> None:
    print(rank([5, 2, 7]))
    try:
        print(max([3, 0], key=lambda v: 1 // v))
    except ZeroDivisionError as e:
        print("caught", e)
    words = ["a", "bb"]
    words.sort(key=lambda w: len(w) // (len(w) - 1))
    print(words)


main()
