import heapq

h: list[dict[str, int]] = []
heapq.heappush(h, {"a": 1})
print(h)
