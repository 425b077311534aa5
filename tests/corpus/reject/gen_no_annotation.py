def countdown(n: int) -> list[int]:
    while n > 0:
        yield n
        n -= 1


print(list(countdown(3)))
