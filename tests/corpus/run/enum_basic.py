# enum.Enum and IntEnum: members, auto(), repr/str (3.11: an IntEnum's str is its value's),
# lookups by value and name with CPython's errors, iteration, len, IntEnum arithmetic.
from enum import Enum, IntEnum, auto
import enum


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Prio(IntEnum):
    LOW = auto()
    MID = auto()
    HIGH = 10
    TOP = auto()


class Suit(enum.Enum):
    """Card suits."""
    HEARTS = "h"
    SPADES = "s"


def describe(c: Color) -> str:
    if c is Color.RED:
        return "warm"
    if c == Color.GREEN:
        return "natural"
    return "cool"


def main() -> None:
    print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, [Color.GREEN], {Color.BLUE: 3})
    print(list(Color), len(Color), len(Prio), [c.name for c in Color])
    for c in Color:
        print(c, describe(c), c.value * 2)
    print(Color(2), Color["BLUE"], Color(1) is Color.RED, Color.RED == Color.RED, Color.RED != Color.BLUE)
    print(Prio.LOW, repr(Prio.TOP), Prio.TOP.value, Prio.MID + 1, Prio.HIGH * 2, -Prio.LOW, Prio.HIGH // 3)
    print(Prio.LOW < Prio.HIGH, Prio.MID == 2, Prio.TOP > 10, 1 <= Prio.LOW < 3, sorted([Prio.TOP, Prio.LOW, Prio.MID]))
    print(max(Prio), min(list(Prio)), str(Prio.MID), f"{Prio.MID}", f"{Color.RED}", f"{Color.RED!r}")
    print(Suit.HEARTS, repr(Suit.SPADES), Suit("s"), Suit["HEARTS"].value, list(Suit))
    counts: dict[Color, int] = {}
    for c in [Color.RED, Color.BLUE, Color.RED]:
        counts[c] = counts.get(c, 0) + 1
    print(counts, Color.RED in counts, set([Prio.LOW]) == {Prio.LOW})
    print(type(Color.RED).__name__, isinstance(Prio.LOW, Prio), hash(Prio.MID) == hash(2))
    try:
        Color(7)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Suit("x")
    except ValueError as e:
        print("ValueError:", e)
    try:
        Color["PINK"]
    except KeyError as e:
        print("KeyError:", e)
    print(f"[{Color.RED:>12}]", f"[{Prio.MID:>4}]", f"{Prio.TOP:03d}", format(Prio.HIGH, "x"), f"{Suit.HEARTS:*^14}")
    print(Prio(10))
    Prio(3)


main()
