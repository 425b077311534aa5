import heapq

xs = [[1], [2]]
print(heapq.merge(xs[0], xs[1]))
