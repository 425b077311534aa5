from . import X


def f() -> int:
    return X
