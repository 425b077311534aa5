from math import sqrt, hypot

print(sqrt(2.0), hypot(3.0, 4.0))
