from dataclasses import dataclass


def noisy(x: int) -> int:
    print("make", x)
    return x


@dataclass
class P:
    x: int
    y: int


def main() -> None:
    xs = [3, 1, 4, 1, 5, 9, 2, 6]
    print(sum(x * x for x in xs), sum(x for x in xs if x > 2))
    print(sum((x / 2 for x in xs), 0.5), sum(float(x) for x in xs))
    print(min(x for x in xs), max(-x for x in xs if x % 2 == 1))
    print(any(noisy(x) > 3 for x in xs), all(noisy(x) < 4 for x in xs))
    print(any(x > 100 for x in xs), all(x > 0 for x in xs), any(x for x in []), all(x for x in []))
    print(any(noisy(a * b) == 6 for a in range(1, 4) for b in range(1, 4) if a != b))
    print(all(a + b < 7 for a in range(4) for b in range(a)))
    print(sorted(x % 4 for x in xs), sorted((s.upper() for s in "hello"), reverse=True))
    print(list(x for x in range(5)), set(x % 3 for x in xs), tuple(x + 1 for x in xs[:3]))
    print(", ".join(str(x) for x in xs), "-".join(c for c in "abc" if c != "b"))
    print("".join(f"{k}={v};" for k, v in {"a": 1, "b": 2}.items()))
    print(sorted((p.y, p.x) for p in [P(1, 2), P(3, 0)]))
    print(sum(len(w) for w in "the quick brown fox".split()))
    print(max(sum(r) for r in [[1, 2], [3, 4], [0]]))
    print(any(any(c == "z" for c in w) for w in ["abc", "xyz"]))
    found = False
    for w in ["a", "bb"]:
        if all(c == w[0] for c in w):
            found = True
    print(found)
    try:
        print(min(x for x in xs if x > 100))
    except ValueError as e:
        print("ValueError:", e)
    try:
        print(any(10 // (x - 4) > 100 for x in xs))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


if __name__ == "__main__":
    main()
