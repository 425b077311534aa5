def check(x: int) -> int:
    assert x > 0, "positive"
    return x * 2


def safe(x: int) -> int:
    return x & 7


print(safe(3), check(2))
