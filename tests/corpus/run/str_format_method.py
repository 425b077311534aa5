from typing import Optional


class Pt:
    def __init__(self, x: int) -> None:
        self.x = x

    def __str__(self) -> str:
        return f"Pt<{self.x}>"


def attempt(fmt: str) -> None:
    try:
        print(repr(fmt.format(1, "two", 3.5, name="kw")))
    except (ValueError, IndexError, KeyError, TypeError) as e:
        print(type(e).__name__, e)


def main() -> None:
    print("{:{w}.{p}f}|{:>{w}}".format(3.14159, "ab", w=9, p=3))
    print("{0!r} {0!s} {0!a} {1!r:>8}".format("héllo", 5))
    print("{} {} {}".format(True, None, [1, 2]), "{:>6}".format(True), "{:d}".format(False))
    print("{}|{:^9}|{:*<7}".format(Pt(3), "mid", "x"))
    print("{:,} {:_} {:#x} {:08.3f} {:+.2e} {:%} {:g}".format(1234567, 7654321, 255, -3.14159, 12345.678, 0.25, 1e20))
    o: Optional[int] = 5
    n: Optional[int] = None
    print("{} {} {:>4}".format(o, n, o))
    print("ünï{}cødé{{}}".format("✓"))
    print("{}".format((1, "a")), "{0}{0}".format(""))
    for fmt in ["{", "}", "{0}{}", "{}{0}", "{5}", "{missing}", "{0!x}", "{0!}", "{0!r", "{:d}", "{1:d}", "{0:{1}}", "{:{:{}}}", "{!r:}", "{0:}", "a}}b{{c", "x{", "{name}", "{2:.1f}", "{1:>{0}}"]:
        attempt(fmt)
    try:
        print("{:>5}".format([1]))
    except TypeError as e:
        print("TypeError", e)
    try:
        print("{:x}".format(Pt(1)))
    except TypeError as e:
        print("TypeError", e)
    try:
        print("{:5}".format(n))
    except TypeError as e:
        print("TypeError", e)
    template = "{}: {:.1f}%"
    print(template.format("cpu", 93.25))


main()
