counter = 0


def bump() -> None:
    global counter
    counter += 1
