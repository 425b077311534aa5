total = 0


def add(n: int) -> None:
    global total
    total += n
