def check(n: int) -> None:
    assert n >= 0, "n must be non-negative"
    print("ok", n)


check(3)
check(-1)
print("unreachable")
