import random

names = {"a", "b", "c"}
print(random.sample(names, 2))
