"""Main script."""
import helper
from pkg.shapes import Circle, area_sum
import pkg.util as util
from pkg import consts

print("main starts", __name__)


def run(n: int) -> int:
    return helper.square(n) + util.twice(n)


if __name__ == "__main__":
    print(run(3), helper.COUNT, consts.LIMIT)
    helper.bump()
    helper.bump()
    print(helper.COUNT)
    cs = [Circle(1.0), Circle(2.0)]
    print(round(area_sum(cs), 3))
    print(helper.divide(1, 0))
