# Set tables as CPython 3.11 builds them (Objects/setobject.c): which dummy a new key
# reuses, where `pop` starts, what `clear` leaves, the resize before a merge or a
# dict, the copy-then-discard path of `-` and the dummy cleanup of `-=`, and the
# chains of the methods that take several sets.  Keys collide in their low bits so
# that another path prints another order.


def dummies() -> None:
    # A key passing two dummies takes the last one (its probe sequence passed both).
    s: set[int] = set()
    for k in range(6):
        s.add(k)
    s.discard(1)
    s.discard(2)
    s.add(33)
    s.add(1)
    print(s)
    big: set[int] = set()
    for k in range(40):
        big.add(k * 64)
    for k in range(3, 9):
        big.discard(k * 64)
    big.add(3 * 64 + 8192)
    big.add(5 * 64)
    big.add(4 * 64 + 64 * 128)
    print(big)


def pops() -> None:
    s = set([5, 13, 21, 1, 9, 40, 48, 56, -8])
    print(s.pop(), s.pop(), s)
    s.add(3)
    s.add(11)
    s.add(19)
    print(s.pop(), s.pop(), s.pop(), s)
    while len(s) > 2:
        print(s.pop(), end=" ")
    print(s)
    s.clear()
    s.add(64)
    s.add(0)
    s.add(8)
    print(s.pop(), s)
    t: set[int] = set()
    for k in range(30):
        t.add(k * 32)
    for _ in range(25):
        t.pop()
    t.add(7 * 32)
    t.add(1)
    print(t, len(t))


def clears() -> None:
    s = set([k * 16 for k in range(20)])
    alias = s
    s.clear()
    print(alias, len(alias))
    for k in [32, 0, 16, 48, 8]:
        s.add(k)
    print(s, alias)


def merges() -> None:
    d: dict[int, int] = {-28: 0, -31: 0, 97: 0, -2: 0, 1: 0, 17: 0, 64: 0, -21: 0, 129: 0, 4: 0}
    print(set(d), set([-28, -31, 97, -2, 1, 17, 64, -21, 129, 4]))
    empty: set[int] = set()
    empty |= set([64, 0, 128, 8, 72, 136])
    print(empty)
    cleared = set([1, 2, 3, 4, 5, 6, 7, 8, 9])
    cleared.clear()
    cleared.update(set([64, 0, 128, 8, 72, 136]), set([200, 64, 264]))
    print(cleared)
    grown = set([16, 48])
    grown.update(set([80, 112, 144, 176, 208]), set([240, 272]))
    print(grown)


def differences() -> None:
    big = set([k * 32 for k in range(40)])
    small = set([0, 32, 64, 1, 33])
    print(big - small, small - big, big.difference(small, set([96, 128])))
    print(big.difference(set([k * 32 for k in range(10)]), set([k * 32 for k in range(10, 20)]), set([k * 32 for k in range(20, 30)])))
    shrink = set(big)
    shrink -= set([k * 32 for k in range(12)])
    print(shrink)
    shrink.difference_update(set([k * 32 for k in range(12, 30)]))
    print(shrink)
    shrink.add(5 * 32)
    shrink.add(37 * 32 + 1024)
    print(shrink)
    # More than a quarter of the table are dummies after this: `-=` rebuilds it.
    cleaned = set(big)
    cleaned -= set([k * 32 for k in range(35)])
    cleaned.add(1)
    cleaned.add(33)
    print(cleaned)
    tiny = set([0, 64, 128])
    tiny -= big
    print(tiny, big - set([k for k in range(1000)]))


def chains() -> None:
    a = set([k * 8 for k in range(-10, 15)])
    b = set([k * 16 for k in range(-8, 8)])
    c = set([k * 24 for k in range(-6, 6)])
    print(a.intersection(b, c), a.intersection(c, b), b.intersection(a, a))
    print(a.union(b, c), c.union(b, a), a.union(a, b))
    print(a ^ b, b ^ a, a.symmetric_difference(c))
    x = set(a)
    x.intersection_update(b, c)
    print(x)
    y = set(a)
    y.symmetric_difference_update(c)
    y ^= b
    print(y)
    print(a <= a | b, b < a | b, a > b, a >= a & b, a.isdisjoint(set([1, 3])), c.issuperset(c & b))


def resizes() -> None:
    for n in [4, 5, 6, 18, 19, 20, 76, 77, 78]:
        s = set([k * 32 - 512 for k in range(n)])
        t = set([k * 32 for k in range(n // 2)])
        print(n, s & t, s | t)
        print(s ^ t, t - s)


def main() -> None:
    dummies()
    pops()
    clears()
    merges()
    differences()
    chains()
    resizes()


main()
