import random

rng = random.Random(42)
print(rng.random())
