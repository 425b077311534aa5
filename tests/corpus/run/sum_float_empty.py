# CPython prints the int 0 here; multigen's float sum stops with NotImplementedError instead of printing 0.0.
def total(xs: list[float]) -> float:
    return sum(xs)


print(total([]))
