from math import sqrt, dist

print(sqrt(2.0), dist(0.5))
