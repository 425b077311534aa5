from enum import Enum, IntEnum, auto
from typing import NamedTuple
from collections import OrderedDict
from abc import ABC, abstractmethod


class Color(Enum):
    RED = auto()
    GREEN = auto()


class Level(IntEnum):
    LOW = 1
    HIGH = 5


class Point(NamedTuple):
    x: int
    y: int = 0


class Shape(ABC):
    @abstractmethod
    def area(self) -> float:
        ...


class Sq(Shape):
    def __init__(self, s: float) -> None:
        self.s = s

    def area(self) -> float:
        return self.s * self.s


def table() -> OrderedDict[str, int]:
    d: OrderedDict[str, int] = OrderedDict()
    d["b"] = 1
    d["a"] = 2
    d.move_to_end("b")
    return d
