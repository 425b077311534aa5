print(pi)
from math import pi
