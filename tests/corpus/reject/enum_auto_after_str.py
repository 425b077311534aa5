from enum import Enum, auto


class Mixed(Enum):
    A = "a"
    B = auto()


print(list(Mixed))
