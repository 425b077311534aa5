# A default is evaluated once, when `def` runs: a mutable default is one object shared by
# every call that omits the argument, and mutations persist.


def append_to(item: int, acc: list[int] = []) -> list[int]:
    acc.append(item)
    return acc


def count_words(text: str, counts: dict[str, int] = {}) -> dict[str, int]:
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def seen(x: int, memo: set[int] = set()) -> bool:
    if x in memo:
        return True
    memo.add(x)
    return False


def fib(n: int, memo: dict[int, int] = {0: 0, 1: 1}) -> int:
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


def grow(n: int, rows: list[list[int]] = [[0]]) -> list[list[int]]:
    rows[0].append(n)
    rows.append([n] * n)
    return rows


def main() -> None:
    a = append_to(1)
    b = append_to(2)
    print(a, b, append_to(3, []), append_to(4))
    a.append(99)
    print(append_to(5))
    print(count_words("a b a"), count_words("b c"), count_words("x", {}))
    print(seen(1), seen(2), seen(1), seen(1, set()), seen(2))
    print(fib(50), fib(90), len(str(fib(80))))
    print(grow(1), grow(2))
    r = grow(3, [[7]])
    print(r, grow(0))


main()
main_again = append_to(6)
print(main_again)
