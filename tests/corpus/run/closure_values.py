from typing import Callable


def double(x: int) -> int:
    return x * 2


def square(x: int) -> int:
    return x * x


def negate(x: int) -> int:
    return -x


def apply_all(fs: list[Callable[[int], int]], x: int) -> list[int]:
    return [f(x) for f in fs]


def pick(name: str) -> Callable[[int], int]:
    table: dict[str, Callable[[int], int]] = {"double": double, "square": square}
    return table[name]


def twice(f: Callable[[int], int]) -> Callable[[int], int]:
    return lambda x: f(f(x))


def fact_maker() -> Callable[[int], int]:
    def fact(n: int) -> int:
        if n <= 1:
            return 1
        return n * fact(n - 1)
    return fact


def length(s: str) -> int:
    return len(s)


def shout(s: str) -> None:
    print("says", s)


def describe(f: Callable[[int], int]) -> str:
    return str(f(3))


ops: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
}


def main() -> None:
    print(apply_all([double, square, negate], 7))
    print(pick("square")(9), pick("double")(9))
    print(twice(double)(5), twice(twice(square))(2))
    fact = fact_maker()
    print(fact(10), fact(1))
    for name in ["add", "sub", "mul"]:
        print(name, ops[name](6, 3))
    print(describe(negate), describe(lambda v: v + 1))
    words = ["pear", "fig", "banana", "kiwi"]
    print(sorted(words, key=length), max(words, key=length), min(words, key=length))
    keyf: Callable[[str], str] = lambda w: w[-1]
    print(sorted(words, key=keyf))
    words.sort(key=length, reverse=True)
    print(words)
    f = lambda: "no args"
    print(f())
    g: Callable[[float], float] = lambda t: t / 2
    print(g(3.0))
    h: Callable[[int], tuple[int, str]] = lambda n: (n, str(n) * 2)
    print(h(4))
    printer: Callable[[str], None] = shout
    printer("hi")
    fs: list[Callable[[int], int]] = []
    fs.append(double)
    fs.append(lambda n: n + 1000)
    print([f(1) for f in fs])


if __name__ == "__main__":
    main()
