from typing import Callable


def make_counter(start: int) -> Callable[[], int]:
    count = start

    def bump() -> int:
        nonlocal count
        count += 1
        return count

    return bump


def make_account(balance: float) -> tuple[Callable[[float], float], Callable[[], float]]:
    def deposit(amount: float) -> float:
        nonlocal balance
        balance += amount
        return balance

    def get() -> float:
        return balance

    return deposit, get


def outer_sees_rebind() -> str:
    name = "a"

    def rename(n: str) -> None:
        nonlocal name
        name = n

    rename("b")
    rename(name + "c")
    return name


def nested_twice(x: int) -> Callable[[int], Callable[[int], int]]:
    def middle(y: int) -> Callable[[int], int]:
        def inner(z: int) -> int:
            return x * 100 + y * 10 + z
        return inner
    return middle


def log_calls() -> list[str]:
    log: list[str] = []

    def record(msg: str) -> None:
        log.append(msg)

    record("one")
    record("two")
    return log


def main() -> None:
    c = make_counter(10)
    d = make_counter(0)
    print(c(), c(), d(), c())
    deposit, get = make_account(1.5)
    deposit(2.0)
    print(deposit(0.25), get())
    print(outer_sees_rebind())
    print(nested_twice(1)(2)(3))
    print(log_calls())
    later = make_counter(5)
    counters = [later, make_counter(100)]
    for f in counters:
        f()
    print([f() for f in counters])


if __name__ == "__main__":
    main()
