from collections import Counter

a = Counter("abc")
b = Counter("bcd")
a += b
print(a)
