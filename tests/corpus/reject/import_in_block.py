import sys

if len(sys.argv) > 1:
    import math
    print(math.pi)
