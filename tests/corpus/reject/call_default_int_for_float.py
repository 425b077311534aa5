def first(xs: list[float], empty: float = 0) -> float:
    if not xs:
        return empty
    return xs[0]


print(first([]))
