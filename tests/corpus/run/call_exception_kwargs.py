# Exception classes with keyword arguments and defaults in `__init__`: the message holds
# the arguments written by position (as `BaseException.__new__` keeps them).
class AppError(Exception):
    def __init__(self, msg: str, code: int = 1, *, hint: str = "none") -> None:
        super().__init__(msg)
        self.code = code
        self.hint = hint


class PlainError(Exception):
    pass


class Coded(Exception):
    def __init__(self, msg: str, code: int = 7) -> None:
        self.code = code


def check(n: int) -> int:
    if n < 0:
        raise AppError("negative", hint="use abs")
    if n == 0:
        raise AppError(code=5, msg="zero")
    if n > 100:
        raise Coded("big")
    return n


def main() -> None:
    e0 = ValueError("top")
    print(str(e0))
    for v in [3, -1, 0, 500]:
        try:
            print(check(v))
        except AppError as e:
            print("app", e, e.code, e.hint)
        except Coded as e:
            print("coded", e, e.code, repr(e))
    try:
        raise Coded("x", code=9)
    except Coded as e:
        print(e, e.code, "")


main()
raise AppError("fatal", 3)
