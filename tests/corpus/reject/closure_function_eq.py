def a(x: int) -> int:
    return x


f = a
print(f == a)
