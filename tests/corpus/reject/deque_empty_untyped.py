from collections import deque

d = deque()
d.append(1)
print(d)
