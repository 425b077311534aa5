# abc.ABC and @abstractmethod: abstract classes refuse to be instantiated (after their
# arguments are evaluated), concrete subclasses dispatch dynamically.
from abc import ABC, abstractmethod
import abc


class Shape(ABC):
    def __init__(self, name: str) -> None:
        self.name = name

    @abstractmethod
    def area(self) -> float:
        ...

    @abstractmethod
    def perimeter(self) -> float:
        pass

    def describe(self) -> str:
        return f"{self.name}: area {self.area():.2f}, perimeter {self.perimeter():.2f}"


class Rect(Shape):
    def __init__(self, w: float, h: float) -> None:
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def perimeter(self) -> float:
        return 2 * (self.w + self.h)


class Half(Shape):
    def area(self) -> float:
        return 1.0


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self) -> int:
        raise NotImplementedError


class Counted(Base):
    def run(self) -> int:
        return 41


class Twice(Counted):
    def run(self) -> int:
        return super().run() * 2


class WithDefault(ABC):
    @abstractmethod
    def label(self) -> str:
        return "default"


class Named(WithDefault):
    def label(self) -> str:
        return "named+" + super().label()


class Empty(ABC):
    pass


class NotAbc:
    @abstractmethod
    def f(self) -> int:
        return 7


def noisy(s: str) -> str:
    print("evaluated", s)
    return s


def main() -> None:
    shapes: list[Shape] = [Rect(2.0, 3.0), Rect(1.5, 1.5)]
    for s in shapes:
        print(s.describe())
    print(isinstance(shapes[0], Shape), Empty() is not None, NotAbc().f())
    try:
        Shape(noisy("shape"))
    except TypeError as e:
        print("TypeError:", e)
    try:
        h = Half(noisy("half"))
        print(h.name)
    except TypeError as e:
        print("TypeError:", e)
    try:
        b = Base()
        print(b.run())
    except TypeError as e:
        print(e)
    runners: list[Base] = [Counted(), Twice()]
    print([r.run() for r in runners], Named().label())
    Half("x")


main()
