def sign(n: int) -> int:
    if n > 0:
        return 1
    elif n < 0:
        return -1


print(sign(0))
