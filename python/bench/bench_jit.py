"""Call overhead and speed of @multigen.jit against CPython (and Numba when installed).

    python3 python/bench/bench_jit.py      # with the wheel installed in that python3

Prints one table; not a test.  Times are medians of several runs."""

import statistics
import sys
import time
import timeit

import multigen

sys.path.insert(0, __import__("os").path.dirname(__file__))
import nbody_kernel  # noqa: E402

try:
    import numba
except ImportError:
    numba = None


def add(a: int, b: int) -> int:
    return a + b


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def total(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


def length(xs: list[float]) -> int:
    return len(xs)


def count_keys(d: dict[str, int]) -> int:
    return len(d)


jit_nbody = multigen.jit(nbody_kernel.simulate)
jit_add = multigen.jit(add)
jit_length = multigen.jit(length)
jit_count_keys = multigen.jit(count_keys)
jit_fib = multigen.jit(fib)
jit_fib3 = multigen.jit(fib, opt=3)
jit_total = multigen.jit(total)


def per_call(f, n=200_000, *args):
    return min(timeit.repeat(lambda: f(*args), number=n, repeat=5)) / n


def median_time(f, *args, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def first_call(f, *args):
    t = time.perf_counter()
    f(*args)
    return time.perf_counter() - t


rows = []
compile_add = first_call(jit_add, 1, 2)
compile_fib = first_call(jit_fib, 1)
compile_fib3 = first_call(jit_fib3, 1)
compile_total = first_call(jit_total, [1.0])
compile_nbody = first_call(jit_nbody, 1)
assert jit_nbody(1000) == nbody_kernel.simulate(1000)
xs = [float(i) for i in range(100_000)]

rows.append(("add(1, 2) per call", per_call(add, 200_000, 1, 2), per_call(jit_add, 200_000, 1, 2), None))
rows.append(("fib(30)", median_time(fib, 30, runs=3), median_time(jit_fib, 30), None))
rows.append(("fib(30), @jit(opt=3)", rows[-1][1], median_time(jit_fib3, 30), None))
rows.append(("nbody(100k steps)", median_time(nbody_kernel.simulate, 100_000, runs=3), median_time(jit_nbody, 100_000), None))
rows.append(("sum of 100k floats (list arg)", median_time(total, xs), median_time(jit_total, xs), None))

nb_first = ""
if numba is not None:
    import warnings

    warnings.simplefilter("ignore")  # reflected lists are "pending deprecation" in Numba

    @numba.njit
    def nb_fib(n: int) -> int:
        return n if n < 2 else nb_fib(n - 1) + nb_fib(n - 2)

    nb_add = numba.njit(add)
    nb_total = numba.njit(total)
    nb_first = f"; numba: add {first_call(nb_add, 1, 2) * 1e3:.1f} ms, fib {first_call(nb_fib, 1) * 1e3:.1f} ms, total {first_call(nb_total, [1.0]) * 1e3:.1f} ms"
    rows[0] = rows[0][:3] + (per_call(nb_add, 200_000, 1, 2),)
    rows[1] = rows[1][:3] + (median_time(nb_fib, 30),)
    rows[2] = rows[2][:3] + (rows[1][3],)
    ns = {}
    exec(open(nbody_kernel.__file__).read(), ns)
    for name in ("energy", "advance", "simulate"):
        ns[name] = numba.njit(ns[name])
    nb_nbody = ns["simulate"]
    nb_first += f", nbody {first_call(nb_nbody, 1) * 1e3:.1f} ms"
    rows[3] = rows[3][:3] + (median_time(nb_nbody, 100_000),)
    rows[4] = rows[4][:3] + (median_time(nb_total, xs),)


def fmt(t):
    return f"{t * 1e9:9.0f} ns" if t < 1e-4 else f"{t * 1e3:9.2f} ms"


print(f"python {sys.version.split()[0]}, multigen {multigen.__version__}" + (f", numba {numba.__version__}" if numba else ", numba not installed"))
print(f"{'case':32} {'CPython':>12} {'multigen':>12} {'CPython/mg':>11}" + (f" {'numba':>12}" if numba else ""))
for name, py, mg, nb in rows:
    line = f"{name:32} {fmt(py):>12} {fmt(mg):>12} {py / mg:10.1f}x"
    if nb is not None:
        line += f" {fmt(nb):>12}"
    print(line)
# Conversion cost: a function that only takes the container's length.
ys = [float(i) for i in range(100_000)]
d = {str(i): i for i in range(100_000)}
jit_length(ys), jit_count_keys(d)
per_float = (median_time(jit_length, ys) - per_call(jit_add, 100_000, 1, 2)) / len(ys)
per_pair = (median_time(jit_count_keys, d) - per_call(jit_add, 100_000, 1, 2)) / len(d)
print(f"conversion per element (in, then checked for changes): list[float] {per_float * 1e9:.1f} ns, dict[str, int] {per_pair * 1e9:.1f} ns per pair")
import subprocess

imp = min(float(subprocess.run([sys.executable, "-X", "importtime", "-c", "import multigen"], capture_output=True, text=True).stderr.strip().splitlines()[-1].split("|")[1]) for _ in range(5))
print(f"import multigen: {imp / 1e3:.1f} ms (cumulative, -X importtime, best of 5)")
print(f"first call (compile + call): add {compile_add * 1e3:.1f} ms, fib {compile_fib * 1e3:.1f} ms (opt=3: {compile_fib3 * 1e3:.1f} ms), total {compile_total * 1e3:.1f} ms, nbody {compile_nbody * 1e3:.1f} ms{nb_first}")
