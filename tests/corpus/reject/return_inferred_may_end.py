def find(xs: list[int], x: int):
    for i, v in enumerate(xs):
        if v == x:
            return i


print(find([1, 2], 2))
