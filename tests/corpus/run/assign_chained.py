total = count = 0


def main() -> None:
    a = b = 3
    print(a, b)
    xs = ys = [1, 2]
    xs.append(3)
    print(xs, ys, xs is ys)
    p, q = r = (4, "s")
    print(p, q, r)
    i = j = k = len(xs) * 2
    i += 1
    print(i, j, k)
    global total, count
    total = count = 5
    print(total, count)
    m: list[int] = []
    m = n = [7]
    print(m, n)


main()
print(total, count)
