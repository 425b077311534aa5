# `d[k] = d.get(k, default) + v` is one lookup (Method::DictGetAdd) when the operands are
# plain; the sum overflowing 64 bits raises OverflowError and stores nothing.
counts: dict[str, int] = {}
BIG: int = 9223372036854775807


def count_words(text: str) -> dict[str, int]:
    d: dict[str, int] = {}
    for w in text.split():
        d[w] = d.get(w, 0) + 1
    return d


def main() -> None:
    print(count_words("a b a c b a é é ünï"))
    squares: dict[int, int] = {}
    for i in range(20):
        k = i % 7
        squares[k] = squares.get(k, 100) + i
    print(squares)
    for w in ["x", "y", "x"]:
        counts[w] = counts.get(w, 0) + 2
    print(counts)
    step = 5
    start = -3
    totals: dict[str, int] = {"z": 1}
    totals["z"] = totals.get("z", start) + step
    totals["q"] = totals.get("q", start) + step
    totals["q"] = totals.get("q", start) + -step
    print(totals)
    keys = ["k" + str(i % 37) for i in range(500)]
    many: dict[str, int] = {}
    for key in keys:
        many[key] = many.get(key, 0) + len(key)
    print(len(many), many["k0"], many["k36"], sum(many.values()))
    big: dict[int, int] = {1: BIG - 1}
    big[1] = big.get(1, 0) + 1
    print(big)
    big[2] = big.get(2, BIG) + 1
    print("not reached", big)


if __name__ == "__main__":
    main()
