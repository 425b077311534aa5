from functools import partial


def f(a: int, b: int, c: int) -> int:
    return a + b + c


g = partial(f, b=2)
print(g(1))
