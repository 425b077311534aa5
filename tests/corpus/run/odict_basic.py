# collections.OrderedDict: a dict marked ordered; its repr, order-sensitive equality, move_to_end,
# popitem(last), | with dicts, and the errors of its methods on plain dicts and of mutation
# during iteration.
from collections import OrderedDict, defaultdict
import collections


def main() -> None:
    od: OrderedDict[str, int] = OrderedDict()
    od["b"] = 2
    od["a"] = 1
    od["c"] = 3
    print(od, len(od), list(od), od.keys(), od.values(), od.items())
    od.move_to_end("b")
    print(od)
    od.move_to_end("c", last=False)
    print(od, list(od.items()))
    od.move_to_end("c", False)
    od.move_to_end("b", True)
    print(od)
    print(od.popitem(), od.popitem(last=False), od)
    od2 = OrderedDict([("x", 1), ("y", 2)])
    od3 = OrderedDict([("y", 2), ("x", 1)])
    plain = {"y": 2, "x": 1}
    print(od2 == od3, od2 == plain, plain == od3, od2 != od3, dict(od2), od2.copy(), od2 == od2.copy())
    print(od2 | {"z": 3}, {"z": 3} | od2, [od2], {"k": od2})
    empty: OrderedDict[int, str] = collections.OrderedDict()
    print(empty, repr(empty), str(empty))
    od4 = OrderedDict({"q": 1, "r": 2})
    od5 = OrderedDict(zip(["m", "n"], [5, 6]))
    od6 = OrderedDict(od5)
    od6["m"] = 50
    print(od4, od5, od6, od5 == od6)
    del od4["q"]
    od4.setdefault("s", 9)
    print(od4, od4.pop("r"), od4, "s" in od4, od4.get("zz", -1))
    for k in od5:
        print(k, od5[k])
    for k, v in od5.items():
        od5[k] = v * 10
    print(od5)
    try:
        od5.move_to_end("nope")
    except KeyError as e:
        print("KeyError", e)
    e2: OrderedDict[str, int] = OrderedDict()
    try:
        e2.popitem()
    except KeyError as e:
        print("KeyError", e)
    try:
        e2.popitem(last=False)
    except KeyError as e:
        print("KeyError", e)
    d: dict[str, int] = {"a": 1}
    try:
        d.move_to_end("a")
    except AttributeError as e:
        print("AttributeError", e)
    try:
        d.popitem(last=False)
    except TypeError as e:
        print("TypeError", e)
    try:
        d.popitem(False)
    except TypeError as e:
        print("TypeError", e)
    dd: defaultdict[str, int] = defaultdict(int)
    try:
        dd.move_to_end("a")
    except AttributeError as e:
        print("AttributeError", e)
    lru: OrderedDict[int, int] = OrderedDict()
    for i in [1, 2, 3, 1, 4, 2, 5]:
        if i in lru:
            lru.move_to_end(i)
        lru[i] = i * i
        if len(lru) > 3:
            lru.popitem(last=False)
    print(lru)
    it = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
    try:
        for k in it:
            if k == "a":
                it.move_to_end("a")
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        for k in it:
            it["z"] = 0
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        for k in d:
            d["new"] = 0
    except RuntimeError as e:
        print("RuntimeError", e)
    print(sorted(it), it)
    it.clear()
    print(it)


main()
