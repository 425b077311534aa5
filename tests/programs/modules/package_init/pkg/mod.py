"""A submodule."""
print("mod starts", __name__)


def f() -> int:
    return 7
