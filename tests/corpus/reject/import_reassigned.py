from math import pi

pi = 3.0
print(pi)
