import heapq

xs = [3, 1, 2]
heapq.heapify(xs)
print(xs)
