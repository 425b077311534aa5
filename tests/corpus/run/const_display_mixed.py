# Displays mixing constants with variables, calls and other displays keep evaluating their
# items one by one, left to right; inner displays of constants are data of their own.
def noisy(x: int) -> int:
    print("eval", x)
    return x


def grid() -> list[list[int]]:
    return [[1, 2, 3], [4, 5, 6], [7, 8, 9]]


def main() -> None:
    n = 10
    print([1, n, 3], [n, 2, 3], [noisy(1), 2, noisy(3)])
    print({"a": 1, "b": n, "c": noisy(2)}, {noisy(4): "x", 5: "y"})
    print({1, n, 3, 17}, {noisy(9), 1, 17})
    g = grid()
    h = grid()
    g[0][0] = 100
    g[1].append(60)
    print(g, h)
    words = [["a", "b"], [], ["c"]]
    words[1].append("z")
    print(words, [["a", "b"], [], ["c"]])
    table = {"even": [0, 2, 4], "odd": [1, 3, 5]}
    table["even"].append(6)
    print(table)
    inf = float("inf")
    print([1.0, inf, -inf], [1.0, 2.0 * 3.0, 1 / 4])
    k = "key"
    print({k: 1, "other": 2}, {"other": 2, k: 1})
    print([len("abc"), 2, 3], [x * 2 for x in [1, 2, 3]], {x % 3 for x in [1, 2, 3, 4]})
    pairs = [[i, i * i] for i in [1, 2, 3]]
    print(pairs, sum([1, 2, 3]), max([4.5, -1.0]), sorted(["b", "a", "c"], reverse=True))


if __name__ == "__main__":
    main()
