from math import sqrt, erfc

print(sqrt(2.0), erfc(0.5))
