def main() -> None:
    xs = [1, 2]
    alias = xs
    xs *= 3
    print(xs, alias, xs is alias)
    ys = [[0]]
    ys *= 2
    ys[0].append(1)
    print(ys)
    zs = ["a"]
    zs *= 0
    print(zs, len(zs))
    ws = [1.5]
    ws *= True
    print(ws)
    ws *= -2
    print(ws)


main()
