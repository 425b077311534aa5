# The errors of `random`, with CPython's messages; the last one is not caught and ends the
# program with a traceback through random.py's frames.
import random


def attempt(label: str, n: int) -> None:
    try:
        if n == 0:
            print(random.randrange(0))
        elif n == 1:
            print(random.randrange(5, 5))
        elif n == 2:
            print(random.randrange(1, 10, 0))
        elif n == 3:
            print(random.randrange(10, 1, 2))
        elif n == 4:
            print(random.randint(3, 1))
        elif n == 5:
            empty: list[int] = []
            print(random.choice(empty))
        elif n == 6:
            print(random.sample([1, 2], 3))
        elif n == 7:
            print(random.sample("ab", -1))
        elif n == 8:
            print(random.getrandbits(-1))
        elif n == 9:
            print(random.expovariate(0))
        elif n == 10:
            print(random.choice(""))
        elif n == 11:
            print(random.choices([1, 2], [1.0], k=2))
        elif n == 12:
            print(random.choices([1, 2], [0, 0], k=2))
        elif n == 13:
            print(random.choices(range(0), k=2))
        else:
            print(random.choices([1], cum_weights=[float("inf")]))
    except (ValueError, IndexError, ZeroDivisionError) as e:
        print(label, type(e).__name__, e)


random.seed(8)
for i in range(15):
    attempt("case " + str(i), i)
print(random.random())


def pick(lo: int, hi: int) -> int:
    return random.randint(lo, hi)


print(pick(1, 1))
print(pick(10, 2))
