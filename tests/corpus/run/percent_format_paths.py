from typing import Optional


class Bag:
    def __init__(self) -> None:
        self.n = 1

    def __getitem__(self, i: int) -> int:
        return i

    def __repr__(self) -> str:
        return "Bag()"


def attempt(fmt: str, n: int) -> None:
    try:
        print(repr(fmt % (n, "é", 2.5)))
    except (ValueError, TypeError, KeyError, OverflowError) as e:
        print(type(e).__name__, e)


def one(fmt: str) -> None:
    try:
        print(repr(fmt % 7))
    except (ValueError, TypeError, KeyError, OverflowError) as e:
        print(type(e).__name__, e)


def main() -> None:
    x = 2.71828
    print(repr('%010f' % float('inf')), repr('%-010d|' % 5), repr('%#o %#x %#X' % (8, 255, 255)), repr('%.3d|%5.3d|%-+5.2x' % (5, -7, 10)))
    print(repr('%#.0f %#g %g' % (2.0, 2.0, 2.0)), repr('%c' % 'é'), repr('% d' % 5), repr('%+s' % 'a'), repr('%.1s' % 'abc'))
    print(repr('%x' % -255), repr('%#x' % -255), repr('%d' % 3.99), repr('%i %u' % (1, 2)), repr('%ld' % 5))
    print(repr('%010.3f' % -2.5), repr('%-8.3e|' % 12345.678), repr('%+08d' % 42), repr('%#08x' % 255), repr('%08s' % 'ab'))
    print(repr('%.0e' % 12345.0), repr('%010f' % float('nan')), repr('%05.1f%%' % 99.5), repr('%5c|' % 65), repr('%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, x)))
    print("%s %r %a" % (None, "ü", "ü"), "%s" % [1, 2], "%s %s" % (1, 2), "%d%%" % True, "%s" % True, "%5.1f|%-6.2F|%G" % (1e20, float('inf'), 1e-10))
    o: Optional[int] = 4
    print("%s %d %s" % (o, o, None), "%(a)s-%(b)05.1f-%(a)r" % {"a": "k", "b": 7}, "%s" % {"a": 1, "b": "x"}, "%r|%(a)s" % {"a": 1} if False else "")
    print("%s" % Bag(), "abc" % [1], "abc" % Bag(), "%-6s|%6s|" % ("日本", "日本"), "%.2s|" % "日本語")
    print("%c%c" % (72, 105), "%5s|%-5s|" % ("ab", "cd"), "%x %o %X" % (3.0 == 3.0, 8, 3054))
    for f in ["%d %s", "%d %s %f %s", "%d", "%q %s", "%", "%(a)s", "%s %", "%5", "%.", "%-", "%c %s %s", "%x %s %g", "%d %d %d", "%.*f", "%*s", "%é"]:
        attempt(f, 65)
    for f in ["%c", "%s %s", "abc", "%(k)s", "%x", "%e", "%r", "%#o", "%-#5X|"]:
        one(f)
    try:
        print("%c" % 1114112)
    except OverflowError as e:
        print("OverflowError", e)
    try:
        print("%d" % "x")
    except TypeError as e:
        print("TypeError", e)
    try:
        print("%f" % "x")
    except TypeError as e:
        print("TypeError", e)
    try:
        print("%x" % 2.5)
    except TypeError as e:
        print("TypeError", e)
    try:
        print("%(z)s" % {"a": 1})
    except KeyError as e:
        print("KeyError", e)


main()
