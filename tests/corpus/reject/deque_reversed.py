from collections import deque

d = deque([1, 2, 3])
for x in reversed(d):
    print(x)
