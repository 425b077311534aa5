import math
from math import hypot
xs = [(3.0, 4.0), (1e-310, 3e-310), (0.0, -0.0), (1.5, 2.25), (1e300, 1e300), (float("inf"), float("nan")), (float("nan"), 1.0)]
for x, y in xs:
    print(math.hypot(x, y), hypot(y, x))
t = 0.0
for i in range(1, 20000):
    t += math.hypot(i * 0.37, i * 1.13 + 0.5)
print(t)
print(math.hypot(5, 12))
