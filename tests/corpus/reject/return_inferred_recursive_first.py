def depth(n: int):
    if n > 0:
        return depth(n - 1) + 1
    return 0


print(depth(3))
