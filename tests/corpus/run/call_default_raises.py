# A default is evaluated where its `def` statement runs: an exception there comes from
# the module's code, before anything after the `def` runs.


def safe(x: int) -> int:
    return 100 // x


def ok(a: int, b: int = safe(5)) -> int:
    return a + b


print("before", ok(1), ok(1, b=2))


def broken(a: int,
           b: int = safe(0)) -> int:
    return a + b


print("never printed", broken(1))
