from collections import defaultdict


def main() -> None:
    table: defaultdict[int, str] = defaultdict(str)
    table[ord("a")] = "A"
    print("banana split".translate(table), len(table))
    names: defaultdict[str, str] = defaultdict(lambda: "?")
    names["x"] = "1"
    print("{x}-{y}".format_map(names), sorted(names.items()))


main()
