from typing import Final

print("config starts", __name__)
LEVEL: Final = 3
TABLE: dict[str, int] = {"a": 1}


def lookup(key: str) -> int:
    return TABLE[key]


print(lookup("a"))
print(lookup("b"))
