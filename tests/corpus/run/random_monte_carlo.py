# Monte Carlo estimates with a seeded generator: pi by darts, a random walk, the mean and
# spread of gauss() and normalvariate() samples, dice frequencies.
import math
import random


def estimate_pi(n: int) -> float:
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def walk(steps: int) -> int:
    pos = 0
    for _ in range(steps):
        pos += random.choice([-1, 1])
    return pos


def stats(xs: list[float]) -> tuple[float, float]:
    mean = sum(xs) / len(xs)
    var = sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)
    return mean, math.sqrt(var)


def main() -> None:
    random.seed(2024)
    print(f"pi ~ {estimate_pi(200000):.6f}")
    print("walks:", [walk(1000) for _ in range(5)])
    g = [random.gauss(5.0, 2.0) for _ in range(20000)]
    m, s = stats(g)
    print(f"gauss mean {m:.6f} sd {s:.6f}")
    print("gauss sum", sum(g))
    nv = [random.normalvariate(-1, 0.5) for _ in range(20000)]
    m, s = stats(nv)
    print(f"normalvariate mean {m:.6f} sd {s:.6f}")
    counts = [0] * 7
    for _ in range(60000):
        counts[random.randint(1, 6)] += 1
    print("dice", counts[1:])
    ex = [random.expovariate(4.0) for _ in range(10000)]
    print(f"expovariate mean {sum(ex) / len(ex):.6f}")
    total = 0.0
    for _ in range(10000):
        total += random.uniform(-1.0, 1.0)
    print("uniform total", total)


main()
