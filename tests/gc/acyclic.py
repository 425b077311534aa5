# Types that cannot be on a cycle: the collector does not track them, so it never runs.


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y
        self.tags: list[str] = []


def main() -> None:
    total = 0
    for i in range(5000):
        p = Point(i, 2 * i)
        p.tags.append("t")
        xs = [p.x, p.y]
        d: dict[str, list[int]] = {"k": xs}
        pairs: list[tuple[int, str]] = [(i, "a")]
        s = {i, i + 1}
        total += len(d["k"]) + len(pairs) + len(s) + len(p.tags)
    print(total)


main()
