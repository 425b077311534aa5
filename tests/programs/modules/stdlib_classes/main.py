import kinds
from kinds import Color, Point

print(Color.RED, repr(Color.GREEN), list(Color), kinds.Level.HIGH + 1)
p = Point(3)
print(p, p.x, p._replace(y=4), kinds.Point(1, 2) == (1, 2))
print(kinds.table())
print(kinds.Sq(2.0).area())
print(Color(2))
s = kinds.Shape()
