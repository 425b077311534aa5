from collections import Counter

c = Counter("abracadabra")
c.subtract("aab")
print(c, c.total())
d = Counter("xa")
c.subtract(d)
print(c, c["x"], isinstance(c, dict))
c.subtract(c)
print(c, c == Counter(""))
