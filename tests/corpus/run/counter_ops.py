from collections import Counter

a = Counter("aaabbc")
b = Counter("abbbd")
a["z"] = -2
b["y"] = -3
print(a + b, a - b, a | b, a & b)
print(b + a, b - a, b | a, b & a)
e: Counter[str] = Counter()
print(a + e, e - b, e | e, (a + b).most_common(2))
s = a + b
s["q"] += 1
print(s, a, b)
