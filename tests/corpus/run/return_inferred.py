import math


def area(r: float):
    return math.pi * r * r


def fib(n: int):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def label(n: int):
    if n % 2 == 0:
        return "even"
    else:
        return "odd"


def pair(a: int, b: str):
    return (a, b)


def words(s: str):
    return s.split()


def nothing(x: int):
    print("nothing", x)
    return


def twice(f: int):
    return helper(f) * 2


def helper(x: int):
    return x + 1


LIMIT = fib(10)


def main():
    print(area(2.0), fib(20), label(3), pair(1, "x"), words("a b c"), LIMIT)
    nothing(5)
    print(twice(4), sorted([3, 1, 2], key=helper))
    xs = [label(i) for i in range(4)]
    print(xs)


main()
