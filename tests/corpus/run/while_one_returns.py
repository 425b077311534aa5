def f(n: int) -> int:
    while 1:
        n += 1
        if n > 5:
            return n


print(f(0))
