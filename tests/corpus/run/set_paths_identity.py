# Set operations whose operands are the same object take CPython's shortcuts
# (Objects/setobject.c): `s & s` and `s.intersection(s)` are copies, `s | s` is a copy
# with no merge, `s |= s` does nothing, `s &= s` rebuilds the table from a copy, and
# `s -= s`, `s ^= s` clear it.  The keys below collide so that any other path prints
# the set in another order.

P: set[int] = {-128, 10, 100, -466849, 2, -12, 1024}
A: set[int] = set([367, -495185, 768, -471, 212, 105, 514])
B: set[int] = set([-850540, 301, 32, -958864, 47, 242, 16, 17, -246614, -141920, 64, -84])
C: set[int] = set([-105837, -80852, 472, -112069, 26, 66, -951219, 360, -194, 231, 33, 54])
D: set[int] = set([5002, -643031, -324, 6, -3000, -27, 5001, 107, 6000, -173, -91, -918874, -5998, -4999, 427, -4000, 299, -136641])
E: set[int] = set([-419, -884681, 64, 56, -96, 130, -77315])
ALIAS = A


def show(label: str, s: set[int]) -> None:
    print(label, s, len(s))


def same_operands(s: set[int], t: set[int]) -> None:
    # `s` and `t` are the same object here.
    print(s & t, s | t, s - t, s ^ t)
    print(s.intersection(t), s.union(t), s.difference(t), s.symmetric_difference(t))
    print(s.intersection(t, s), s.union(t, s), s.difference(t, s))
    print(s.intersection(), s.union(), s.difference())
    print(s <= t, s < t, s >= t, s > t, s == t, s != t, s.isdisjoint(t), s.issubset(t), s.issuperset(t))


def in_place(s: set[int]) -> None:
    alias = s
    work = set(s)
    other = work
    work &= other
    show("&=", alias)
    show("&= copy", work)
    work = set(s)
    other = work
    work |= other
    show("|=", work)
    work.update(work, work)
    show("update", work)
    work.intersection_update(work)
    show("intersection_update", work)
    work.intersection_update()
    show("intersection_update()", work)
    work ^= other
    show("^=", work)
    work.update(s)
    work.add(1000001)
    show("after ^=", work)
    work -= work
    show("-=", work)
    work.update(s)
    show("after -=", work)
    work.difference_update(work)
    work.update(s)
    show("difference_update", work)
    work.symmetric_difference_update(work)
    work.update(s)
    show("symmetric_difference_update", work)


def small() -> None:
    # A one-key set emptied by `-=` on itself is cleared (a fresh table); discarding its
    # key would leave a dummy, and the fourth add below would then grow the table.
    one = set([2])
    one -= one
    two = set([2])
    two.difference_update(two)
    three = set([2])
    three ^= three
    four = set([2])
    four.symmetric_difference_update(four)
    for k in [0, 8, 16, 1]:
        one.add(k)
        two.add(k)
        three.add(k)
        four.add(k)
    print(one, two, three, four)


def main() -> None:
    small()
    for s in [P, A, B, C, D, E]:
        same_operands(s, s)
        in_place(s)
    print(ALIAS & A, ALIAS | A, A.intersection(ALIAS), A.union(ALIAS))
    local = set([367, -495185, 768, -471, 212, 105, 514])
    same = local
    print(local & same, local | same, local.intersection(same), local.union(same))
    same &= local
    print(local, same)
    # The global itself, updated in place through an alias: the global sees it.
    g = B
    g &= B
    print(B)
    items: list[set[int]] = [C, set(C)]
    items[0] &= C
    items[1] |= items[1]
    print(items, C)
    table: dict[str, set[int]] = {"d": D}
    table["d"] &= D
    print(table, D)


if __name__ == "__main__":
    main()
    P &= P
    print(P)
    E |= E
    E.add(2)
    print(E)
