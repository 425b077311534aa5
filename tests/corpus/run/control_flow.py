# Loops with else, break and continue, ranges with every step sign, globals.
counter: int = 0
total = 0.0


def bump(k: int) -> int:
    global counter
    counter += k
    return counter


def first_divisor(n: int) -> int:
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return n
    return d


def main() -> int:
    for i in range(5):
        print(i, end=" ")
    print()
    for i in range(10, 0, -3):
        print(i, end=",")
    print()
    for i in range(-5, 5, 4):
        print(i, sep="", end=";")
    print("")
    for i in range(3, 3):
        print("never")
    else:
        print("empty range runs else")
    print(first_divisor(91), first_divisor(97), first_divisor(2))
    i = 0
    while i < 10:
        i += 1
        if i % 2 == 0:
            continue
        if i > 7:
            break
        print("odd", i)
    else:
        print("no break")
    k = 3
    while k > 0:
        k -= 1
    else:
        print("while else after", k)
    for j in range(3):
        bump(j)
    print("counter", counter, bump(10))
    global total
    for step in range(4):
        total += step * 0.5
    print("total", total)
    print("last loop value", j, i)
    print("a", "b", "c", sep="")
    print("x", 1, 2.0, True, None, sep=" | ", end=" <end>\n")
    print()
    print(end="")
    print("done")
    if counter > 100:
        pass
    elif counter > 10:
        print("counter above ten")
    else:
        print("small counter")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
