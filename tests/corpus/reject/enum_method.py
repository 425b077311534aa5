from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2

    def describe(self) -> str:
        return self.name.lower()


print(Color.RED.describe())
