from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Shape:
    def __init__(self, name: str) -> None:
        self.name = name

    def area(self) -> float:
        return 0.0


class AppError(Exception):
    pass


def check(n: int) -> int:
    if n < 0:
        raise AppError(f"negative: {n}")
    return n


class Plain:
    pass


def show() -> str:
    return repr(Plain())[:13]
