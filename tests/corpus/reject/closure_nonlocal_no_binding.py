def outer() -> None:
    nonlocal y
    y = 1


outer()
