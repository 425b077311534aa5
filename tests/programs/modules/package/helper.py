print("helper loads", __name__)
COUNT: int = 0


def square(x: int) -> int:
    return x * x


def bump() -> None:
    global COUNT
    COUNT += 1


def divide(a: int, b: int) -> int:
    return a // b


if __name__ == "__main__":
    print("not printed")
