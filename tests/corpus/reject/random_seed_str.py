import random

random.seed("spam")
print(random.random())
