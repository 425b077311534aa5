from collections import OrderedDict

d = OrderedDict(a=1, b=2)
print(d)
