from collections import deque, Counter, defaultdict

d = deque([3, 1, 2])
s = deque(["x", "y"])
print(max(d), min(d), any(d), all(d), sorted(d, reverse=True), ", ".join(s), list(zip(d, s)))
print(tuple(d), set(d), [x * 2 for x in d], {x: 1 for x in s}, sum(x for x in d), max(x for x in d))
print(str(d) + "!", len(s), s.count("x"), d.index(2), 2 in d)
c = Counter(d)
print(max(c), sorted(c.values()), any(c))
dd: defaultdict[str, list[int]] = defaultdict(list)
dd["a"].extend(d)
print(dd, list(dd.items()), {k: v for k, v in dd.items()})
