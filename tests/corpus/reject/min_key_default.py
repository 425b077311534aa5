xs: list[int] = []
print(min(xs, key=lambda v: -v, default=0))
