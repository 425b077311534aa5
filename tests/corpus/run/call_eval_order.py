# Arguments are evaluated left to right as written, keywords in the order written, then
# bound to the parameters: calls with keywords out of parameter order keep that order.
log: list[str] = []


def arg(tag: str, value: int) -> int:
    log.append(tag)
    print("eval", tag, value)
    return value


def show(a: int, b: int, c: int = 0, *, d: int = 0) -> str:
    return "a=" + str(a) + " b=" + str(b) + " c=" + str(c) + " d=" + str(d)


def side(xs: list[int], n: int) -> int:
    xs.append(n)
    return len(xs)


class Box:
    def __init__(self, w: int, h: int = 1, *, name: str = "box") -> None:
        self.w = w
        self.h = h
        self.name = name

    def grow(self, dw: int = 0, dh: int = 0) -> "Box":
        return Box(self.w + dw, h=self.h + dh, name=self.name + "+")

    def __repr__(self) -> str:
        return self.name + "(" + str(self.w) + "x" + str(self.h) + ")"


def make(tag: str) -> Box:
    print("make", tag)
    return Box(1, name=tag)


def main() -> None:
    print(show(b=arg("b", 2), a=arg("a", 1)))
    print(show(arg("a", 1), d=arg("d", 4), b=arg("b", 2), c=arg("c", 3)))
    print(show(arg("a", 1), c=arg("c", 3), b=arg("b", 2)))
    print(log)
    xs: list[int] = []
    # The value of `xs` seen by each argument is the one at its turn.
    print(show(b=side(xs, 10), a=len(xs)))
    print(show(b=len(xs), a=side(xs, 20)))
    n = 5
    print(show(b=n, a=side(xs, n)), xs)
    print(Box(h=arg("h", 2), w=arg("w", 3)))
    print(make("m").grow(dh=arg("dh", 5), dw=arg("dw", 6)))
    box = make("k")
    print(box.grow(arg("dw", 1)).grow(dh=arg("dh", 2)))


main()
print(show(c=arg("top-c", 30), b=arg("top-b", 20), a=arg("top-a", 10)))
