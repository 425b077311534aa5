"""@multigen.jit from Python: run with the wheel installed (`make wheel`, then pip install)."""

import multigen
from multigen.backends.llvm import LLVMJITExecutor

LIMIT = 10


@multigen.jit
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@multigen.jit
def word_counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


@multigen.jit
def fill(xs: list[int]) -> None:
    for i in range(LIMIT):
        xs.append(i * i)
    print("filled", len(xs))


print(fib(30))
print(word_counts("a b a c b a".split()))
squares: list[int] = []
fill(squares)  # prints through sys.stdout
print(squares[-1])  # the list was mutated in place, as in Python
try:
    fib(2**64)
except OverflowError as e:
    print("OverflowError:", e)

with LLVMJITExecutor() as ex:
    ex.compile_source("def div(a: int, b: int) -> int:\n    return a // b\n", "div.py")
    try:
        ex.execute_function("div", 1, 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
