from enum import Enum


class Color(Enum):
    RED = 1
    CRIMSON = 1


print(Color.CRIMSON)
