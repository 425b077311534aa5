from collections import Counter

a = Counter("abc")
b = Counter("bcd")
print(a | b)
