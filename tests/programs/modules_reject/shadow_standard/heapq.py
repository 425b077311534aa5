def heapify(xs: list[int]) -> None:
    xs.sort()
