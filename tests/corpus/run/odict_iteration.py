# OrderedDict iterations stop before checking when the last key had no successor (CPython's
# odict iterator finds it when yielding), so a change made on the last key goes unseen.
from collections import OrderedDict


def main() -> None:
    d = OrderedDict([("e", 1)])
    for k in d:
        d["zz"] = 1
    print(d)
    d2 = OrderedDict([("a", 1), ("b", 2)])
    for k in d2:
        if k == "b":
            d2.move_to_end("a")
    print(d2)
    d3 = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
    try:
        for k in d3:
            if k == "b":
                del d3["c"]
    except RuntimeError as e:
        print(e)
    p = {"a": 1}
    try:
        for k in p:
            p["b"] = 2
    except RuntimeError as e:
        print(e)
    print(sum(v for v in d3.values()), [k for k in d3], list(d3.items()))


main()
