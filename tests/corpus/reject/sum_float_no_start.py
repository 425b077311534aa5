def total(xs: list[float]) -> float:
    return sum(xs)


print(total([]))
