"""Shortest paths on a generated sparse graph (adjacency lists): Dijkstra with heapq from a
few sources, and breadth-first hop counts with a deque, distances kept in dicts keyed by
node (only the nodes reached have an entry)."""
import heapq
import sys
from collections import deque


def make_graph(n: int, degree: int) -> list[list[tuple[int, int]]]:
    """Each node gets `degree` edges to pseudo-random nodes, weights 1..100 (an LCG)."""
    graph: list[list[tuple[int, int]]] = []
    state = 12345
    for u in range(n):
        edges: list[tuple[int, int]] = []
        for _ in range(degree):
            state = (state * 1103515245 + 12345) % 2147483648
            v = (state >> 8) % n
            state = (state * 1103515245 + 12345) % 2147483648
            edges.append((v, 1 + (state >> 8) % 100))
        graph.append(edges)
    return graph


def dijkstra(graph: list[list[tuple[int, int]]], src: int) -> dict[int, int]:
    dist: dict[int, int] = {src: 0}
    pq: list[tuple[int, int]] = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist[u]:
            continue
        for v, w in graph[u]:
            nd = d + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist


def bfs(graph: list[list[tuple[int, int]]], src: int) -> dict[int, int]:
    hops: dict[int, int] = {src: 0}
    q: deque[int] = deque([src])
    while q:
        u = q.popleft()
        h = hops[u] + 1
        for v, _ in graph[u]:
            if v not in hops:
                hops[v] = h
                q.append(v)
    return hops


def main() -> None:
    n = 300000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    graph = make_graph(n, 4)
    for k in range(4):
        src = k * (n // 4)
        dist = dijkstra(graph, src)
        total = 0
        far = 0
        for d in dist.values():
            total += d
            if d > far:
                far = d
        hops = bfs(graph, src)
        deepest = 0
        hop_total = 0
        for h in hops.values():
            hop_total += h
            if h > deepest:
                deepest = h
        print(src, len(dist), total, far, len(hops), hop_total, deepest)


if __name__ == "__main__":
    main()
