def clamp(x: int) -> int:
    return min(x, LIMIT)
