def f(x: int | None) -> int:
    return x + 1


class A:
    def __init__(self) -> None:
        self.v = 1


def g(a: A | None) -> int:
    return a.v


print(f(1), g(A()))
