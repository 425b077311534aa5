class AppError(Exception):
    def __init__(self, code: int, where: str) -> None:
        super().__init__(f"{where}: code {code}")
        self.code = code


class Tagged(Exception):
    pass


def check(n: int) -> int:
    if n < 0:
        raise ValueError("negative", "input")
    if n == 0:
        raise AppError(7, "check")
    if n > 100:
        raise Tagged("big", str(n))
    return n


def main() -> None:
    for n in [-1, 0, 500, 5]:
        try:
            print(check(n))
        except ValueError as e:
            print("ValueError", e.args, e.args[1], len(e.args), str(e), repr(e))
        except AppError as e:
            print("AppError", e.args, e.code)
        except Exception as e:
            print(type(e).__name__, e.args, "big" in e.args, e)
    try:
        print(int("x1"))
    except ValueError as e:
        print(e.args)
    try:
        print(1 // 0)
    except ArithmeticError as e:
        print(e.args, e.args == ("integer division or modulo by zero",))
    try:
        raise RuntimeError
    except RuntimeError as e:
        print(e.args, repr(e))
    try:
        d: dict[str, int] = {}
        print(d["nope"])
    except KeyError as e:
        print("key", e)


main()
