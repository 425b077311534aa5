# `e.args` is a tuple[str, ...] in multigen: an exception made from an int cannot show
# its args, and says so loudly instead of printing ('42',).
def main() -> None:
    try:
        raise ValueError(42)
    except ValueError as e:
        print(str(e), repr(e))
        print(e.args)


main()
