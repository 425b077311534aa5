def g() -> int:
    return y
print(g())
y = 2
