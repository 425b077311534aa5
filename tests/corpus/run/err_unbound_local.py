def f(c: bool) -> int:
    if c:
        x = 1
    return x
print(f(True))
print(f(False))
