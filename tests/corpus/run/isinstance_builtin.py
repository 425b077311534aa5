from typing import Optional


class P:
    pass


def main() -> None:
    n = 3
    b = True
    f = 2.5
    s = "x"
    xs = [1]
    d = {"a": 1}
    st = {1}
    t = (1, "a")
    o: Optional[int] = 4
    z: Optional[int] = None
    p = P()
    print(isinstance(n, int), isinstance(n, bool), isinstance(b, int), isinstance(b, bool), isinstance(f, float), isinstance(f, int))
    print(isinstance(s, str), isinstance(xs, list), isinstance(d, dict), isinstance(st, set), isinstance(t, tuple), isinstance(xs, tuple))
    print(isinstance(o, int), isinstance(z, int), isinstance(o, str), isinstance(z, object), isinstance(p, object), isinstance(p, int))
    print(isinstance(n, (float, str)), isinstance(n, (float, int)), isinstance(None, object), isinstance(None, int))
    total = 0
    for v in [1, 2]:
        if isinstance(v, int):
            total += v
    print(total)


main()
