from math import sqrt, gamma

print(sqrt(2.0), gamma(0.5))
