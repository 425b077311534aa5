import heapq

print(list(heapq.merge([3, 1], [2], key=lambda v: -v)))
