from collections import Counter

c = Counter({"a": 2})
print(c)
