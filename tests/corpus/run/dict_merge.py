def main() -> None:
    a = {"x": 1, "y": 2}
    b = {"y": 20, "z": 30}
    c = a | b
    print(c, a, b, b | a, a | {})
    alias = a
    a |= {"w": 0, "x": 100}
    print(a, alias, alias is a)
    m: dict[int, list[int]] = {1: [1]}
    n = m | {2: [2], 1: [9]}
    n[2].append(5)
    print(m, n)


main()
