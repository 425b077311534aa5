# A script without main: top-level code, globals, loops and a function using them.
import math

LIMIT = 5
scale: float = 1.5
acc = 0
for n in range(LIMIT):
    acc += n * n


def scaled(x: float) -> float:
    return x * scale


print("acc", acc, "scaled", scaled(2.0))
while acc > 10:
    acc //= 2
print("acc now", acc, math.sqrt(acc))
