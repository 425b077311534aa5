from models import Point, Shape, AppError, check
import models


class Square(models.Shape):
    def __init__(self, side: float) -> None:
        super().__init__("square")
        self.side = side

    def area(self) -> float:
        return self.side * self.side


shapes: list[Shape] = [Square(2.0), Shape("blob")]
for s in shapes:
    print(s.name, s.area())
p = Point(1, 2)
print(p, p == models.Point(1, 2))
def attempt() -> None:
    try:
        check(-1)
    except AppError as e:
        print("caught", e)


attempt()
print(type(p).__name__)
print(isinstance(shapes[0], models.Shape))
print(models.show())
check(-5)
