def total(xs: List[int]) -> int:
    return len(xs)


print(total([1, 2]))
