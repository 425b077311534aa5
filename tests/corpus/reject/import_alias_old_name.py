import math as m

print(m.sqrt(2.0), math.sqrt(2.0))
