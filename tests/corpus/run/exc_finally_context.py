def helper() -> str:
    try:
        {"a": 1}["b"]
    except KeyError as e:
        return f"{e!r} context={e.__context__!r}"
    return "none"


def main() -> None:
    try:
        try:
            [1][5]
        finally:
            print(helper())
    except IndexError as e:
        print("caught", e, e.__context__)
    try:
        try:
            raise ValueError("v")
        finally:
            try:
                raise KeyError("k")
            except KeyError as k:
                print("inner", k, repr(k.__context__))
    except ValueError as e:
        print("outer", e)
    for i in range(2):
        try:
            raise RuntimeError("r")
        finally:
            print(helper())
            continue
    print(helper())


main()
