# The last print reads __cause__ outside the except clause: CPython prints None, multigen stops
# with NotImplementedError (it keeps the links with the raised exception, not the object).
class AppError(Exception):
    pass


def f(x: int) -> int:
    try:
        return 10 // x
    except ZeroDivisionError:
        raise AppError("bad x") from None


def main() -> None:
    try:
        f(0)
    except AppError as e:
        print(type(e).__name__, e.__cause__, type(e.__context__).__name__, e.__context__)
    try:
        try:
            raise ValueError("inner")
        except ValueError as v:
            raise KeyError("k") from v
    except LookupError as e:
        c = e.__cause__
        print(type(e).__name__, repr(e), type(c).__name__, c)
    print(type(1).__name__, type("s").__name__, type([1]).__name__, type((1, "a")).__name__, type(None).__name__, type(2.5).__name__)
    saved: list[Exception] = []
    try:
        raise AppError("kept")
    except AppError as e:
        saved.append(e)
    print(saved[0].__cause__)


main()
