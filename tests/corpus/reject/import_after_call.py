# `show` runs before `sqrt` is imported: CPython raises NameError.
def show() -> None:
    print(sqrt(2.0))


show()
from math import sqrt
