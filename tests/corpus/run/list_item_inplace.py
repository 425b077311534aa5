# `c[i] += ys` on a list item extends that list in place, as CPython does: every alias
# of the item sees the change (the item is then stored back, which changes nothing).


def main() -> None:
    a = [1]
    rows = [a, [2]]
    rows[0] += [3]
    rows[-1] += rows[0]
    print(a, rows)
    table: dict[str, list[int]] = {"k": a}
    table["k"] += [4]
    print(a, table)
    names = ["x", "y"]
    names[1] += "z"
    print(names)


if __name__ == "__main__":
    main()
