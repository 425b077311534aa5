def main() -> None:
    d = {"a": 1, "b": 2, "c": 3}
    print(d.popitem(), d)
    d["z"] = 9
    print(d, d.popitem(), d.popitem(), d)
    k, v = d.popitem()
    print(k, v, d)
    try:
        d.popitem()
    except KeyError as e:
        print("KeyError", e)
    d["n"] = 1
    print(d)
    big = {i: i * i for i in range(10)}
    del big[9]
    del big[8]
    print(big.popitem(), len(big))
    big[100] = 0
    print(list(big.items())[-2:])
    xs = [1, 2, 3, 2, 1, 2]
    print(xs.index(2, 2), xs.index(2, -3), xs.index(1, 1, 5), xs.index(2, -100, 100))
    t: tuple[int, ...] = (5, 6, 5)
    print(t.index(5, 1))
    for a, b in [(4, 6), (0, 1), (-1, 10)]:
        try:
            print(xs.index(3, a, b))
        except ValueError as e:
            print("ValueError", e)
    try:
        print(t.index(6, 2))
    except ValueError as e:
        print("ValueError", e)


main()
