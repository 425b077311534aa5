from enum import Enum


class Color(Enum):
    RED = 1


Color.RED = Color.RED
print(Color.RED)
