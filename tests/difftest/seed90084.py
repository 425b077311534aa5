class Kls0:
    made: int = 0

    def __init__(self, a: int, s: str = "a") -> None:
        self.a = a
        self.s = s
        self.items: list[int] = []
        self.link: Kls0 | None = None
        Kls0.made += 1

    def m(self, x: int = 0) -> int:
        return self.a * 1 + x % 7 + len(self.s)

    def scaled(self, x: int = 0, *, by: int = 1, log: list[int] = []) -> int:
        log.append(x)
        return self.a * by + x + len(log)

    def tag(self) -> str:
        return self.s + '#' + str(self.m(1))

    def clone(self, d: int) -> "Kls0":
        return Kls0(self.a + d)

    @property
    def weight(self) -> int:
        return self.a + len(self.items)

    def __repr__(self) -> str:
        return type_name(self) + '(' + str(self.a) + ', ' + repr(self.s) + ')'

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Kls0):
            return False
        return self.a == other.a and self.s == other.s

    def __lt__(self, other: "Kls0") -> bool:
        return (self.a, self.s) < (other.a, other.s)

    def __hash__(self) -> int:
        return hash((self.a, self.s))


class Kls1(Kls0):
    def m(self, x: int = 0) -> int:
        return super().m(x=x) * 2 - 4

    def bonus(self) -> int:
        return self.m(3) + self.weight


def type_name(k: Kls0) -> str:
    return 'Kls1' if isinstance(k, Kls1) else 'Kls0'


@dataclass(frozen=True)
class Dc:
    n: int
    s: str = "日本"
    f: float = -1.0

    def size(self) -> int:
        return self.n + len(self.s)


