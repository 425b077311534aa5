from abc import ABC, abstractmethod
import abc


class Shape(metaclass=abc.ABCMeta):
    @abstractmethod
    def area(self) -> float:
        return 0.0


print(Shape().area())
