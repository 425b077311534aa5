from collections import defaultdict

counts = defaultdict(int)
print(counts)
