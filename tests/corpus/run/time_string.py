# time's clocks (only differences and bounds can be printed) and sleep; string's constants.
import string
import time
from string import ascii_letters as letters
from time import perf_counter, sleep


def count_classes(text: str) -> list[int]:
    counts = [0, 0, 0, 0]
    for ch in text:
        if ch in string.ascii_uppercase:
            counts[0] += 1
        elif ch in string.ascii_lowercase:
            counts[1] += 1
        elif ch in string.digits:
            counts[2] += 1
        elif ch in string.punctuation:
            counts[3] += 1
    return counts


def main() -> None:
    t0 = time.time()
    p0 = perf_counter()
    m0 = time.monotonic()
    n0 = time.perf_counter_ns()
    sleep(0.01)
    time.sleep(0)
    elapsed = perf_counter() - p0
    print(elapsed >= 0.01, elapsed < 30.0)
    print(time.time() - t0 >= 0, time.monotonic() >= m0, time.perf_counter_ns() - n0 >= 10000000)
    print(abs(time.time_ns() // 1000000000 - int(time.time())) <= 1, time.monotonic_ns() > 0, t0 > 1.6e9)
    print(string.ascii_lowercase, string.ascii_uppercase, letters == string.ascii_lowercase + string.ascii_uppercase)
    print(repr(string.whitespace), string.digits, string.hexdigits, string.octdigits)
    print(string.punctuation)
    print(repr(string.printable), len(string.printable))
    print(count_classes("Hello, World! 42 times: #1."))
    print("".join(c for c in "a1b2c3" if c not in string.digits), set("cafe") <= set(string.hexdigits))
    for secs in [-1.0, float("nan"), 1e300]:
        try:
            time.sleep(secs)
        except ValueError as e:
            print("ValueError:", e)
        except OverflowError as e:
            print("OverflowError:", e)


main()
