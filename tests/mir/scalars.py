def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def mean(a: float, b: float) -> float:
    return (a + b) / 2.0


print(fib(10), mean(1.0, 2.0))
