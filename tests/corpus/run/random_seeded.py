# Seeded sequences of every supported function of `random`, in both import spellings:
# the numbers must be CPython's own (Mersenne Twister, Lib/random.py's algorithms).
import random
import random as rnd
from random import choice, choices, randint, randrange, sample, seed, shuffle, uniform


def draws(label: str, n: int) -> None:
    print(label, [random.random() for _ in range(n)])


seed(42)
draws("random", 3)
print("randint", [randint(1, 6) for _ in range(12)])
print("randrange", randrange(10), randrange(5, 50, 7), randrange(50, 5, -3), randrange(-10, 10), randrange(0, 1))
print("getrandbits", [rnd.getrandbits(k) for k in [0, 1, 5, 31, 32, 33, 40, 63]])
xs = list(range(20))
shuffle(xs)
print("shuffle", xs)
print("choice", choice(xs), choice("hello"), choice(range(100, 200, 3)), choice((1, 2, 3)), choice([[1], [2, 3]]))
print("sample", sample(xs, 5), sample(range(1000000), 5), sample("abcdefgh", 3), sample(xs, k=20))
print("sample set branch", sample(range(300), 30), sample(list(range(300)), 6))
print("sample pool branch", sample(range(277), 30), sample(range(40), 30))
print("choices", choices("abc", k=5), choices([1, 2, 3], [5, 1, 1], k=5), choices(range(3), cum_weights=[0.5, 0.75, 1.0], k=5))
print("uniform", uniform(1, 5), uniform(1.5, 2), uniform(-3, 2.5), uniform(10, 10))
print("gauss", random.gauss(), random.gauss(10, 2), random.gauss(0.5, 1.5), random.gauss(sigma=3))
print("normalvariate", random.normalvariate(), random.normalvariate(100, 15), random.normalvariate(mu=1, sigma=0.5))
print("expovariate", random.expovariate(2), random.expovariate(0.5), random.expovariate(-1.0))
print("triangular", random.triangular(), random.triangular(1.0, 3.0), random.triangular(1.0, 3.0, 2), random.triangular(2.0, 2.0, 2.0))

# Seeds: negative ints use their absolute value, large ones all their bits, 0 and True too.
for s in [0, 1, -1, 2**32 - 1, 2**32, 2**40 + 3, -(2**62), 9223372036854775807]:
    seed(s)
    print(s, random.random(), randint(0, 10**9))
seed(True)
print(True, random.random())

# The full 64-bit range, and more than 64 bits of width.
seed(99)
big = 2**62 - 1 + 2**62
print(randint(-big - 1, big), randrange(-big - 1, big), randrange(-big, big, 3), randint(0, big))
print(uniform(-(2**62), 2**62), sample(range(10**12), 3), choice(range(-big, big, 7)))

# Re-seeding repeats the sequence, and drops the pending second value of gauss().
seed(5)
first = [random.gauss() for _ in range(3)]
seed(5)
again = [random.gauss() for _ in range(3)]
print(first == again, first)
seed(5)
print(random.gauss())
seed(5)
print(random.gauss(), random.random())

# Keywords out of parameter order: the arguments are still evaluated as written.


def noisy(tag: str, v: float) -> float:
    print("evaluating", tag)
    return v


print(random.gauss(sigma=noisy("sigma", 2.0), mu=noisy("mu", 1.0)))
print(sample(k=noisy("k", 2.0) > 1.0, population=[noisy("p", 1.0)]))


def weights(tag: str) -> list[int]:
    print("evaluating", tag)
    return [1, 2, 3]


def count(tag: str, n: int) -> int:
    print("evaluating", tag)
    return n


print(choices([1, 2, 3], weights("weights"), k=count("k", 4)))
print(choices([1, 2, 3], k=count("k", 4), cum_weights=weights("cum_weights")))
