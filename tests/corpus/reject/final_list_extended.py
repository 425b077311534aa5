from typing import Final, List

NAMES: Final[List[str]] = ["a"]
NAMES.append("b")
NAMES += ["c"]
print(NAMES)
