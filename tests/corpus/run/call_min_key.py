def neg(x: int) -> int:
    return -x


print(min([3, 1, 2], key=neg))
