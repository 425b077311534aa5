import heapq

h = [3, 1, 2]
heapq.heapify(h)
while True:
    print(heapq.heappop(h))
