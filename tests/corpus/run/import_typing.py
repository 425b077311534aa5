"""The typing aliases mean the builtin types; `Final` declares constants; `cast` converts nothing."""
from __future__ import annotations

import typing
from dataclasses import dataclass, field


def count_words(words: List[str]) -> Dict[str, int]:
    # With `from __future__ import annotations` CPython never evaluates this signature, so
    # `List` may be imported below it.
    counts: Dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


from typing import Dict, Final, List, Set, Tuple, cast

LIMIT: Final = 3
RATE: Final[float] = 0.5
NAMES: Final[List[str]] = ["x", "y"]
TABLE: typing.Final[typing.Dict[str, typing.List[int]]] = {"a": [1, 2], "b": []}


def initials(words: typing.List[str]) -> Set[str]:
    return {w[0] for w in words if w}


def grid(n: int) -> List[List[int]]:
    rows: List[List[int]] = []
    for i in range(n):
        rows.append([i * j for j in range(n)])
    return rows


def scaled(xs: List[float]) -> List[float]:
    factor: Final = 2.0
    return [x * factor * RATE for x in xs]


def split_pair(s: str) -> Tuple[str, int]:
    return s[0], len(s)


def pairs(words: List[str]) -> typing.List[typing.Tuple[str, int]]:
    return [split_pair(w) for w in words]


def main() -> None:
    print(count_words("a b a c b a".split()))
    print(sorted(initials(["apple", "avocado", "banana", ""])))
    print(grid(3), scaled([1.0, 2.5]))
    NAMES.append("z")
    print(LIMIT, RATE, NAMES, TABLE, LIMIT * 2 > len(NAMES))
    empty = cast(List[int], [])
    empty.append(LIMIT)
    print(empty, cast(int, LIMIT) + 1, cast(str, "s") * 2, cast(typing.Dict[str, List[int]], TABLE)["a"])
    seen: Set[int] = set()
    for v in [3, 1, 3]:
        seen.add(v)
    print(seen)
    counts: Dict[Tuple[str, int], int] = {}
    for p in pairs(["ab", "cd", "ab"]):
        counts[p] = counts.get(p, 0) + 1
    first, size = split_pair("xyz")
    print(counts, first, size, cast(Tuple[str, int], ("a", 1)))


if __name__ == "__main__":
    main()
