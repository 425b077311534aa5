def pick(n: int):
    if n > 0:
        return n
    return "none"


print(pick(3))
