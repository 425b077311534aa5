#!/usr/bin/env python3
"""Benchmarks: multigen (AOT and JIT) against the C twins, CPython, PyPy and Numba.

usage: benches/compare.py [--runs N] [--small] [--no-jit] [--no-python] [--cc CC]
                          [--numba-python PY] [--markdown FILE] [NAME...]

For each NAME.py here (seed_X stands for tests/corpus/run/bench_X.py, the seven seed
programs): builds NAME.c (when there is one: the seed programs have no C
twin) with CC -O2 (default clang-19, else cc) and NAME.py
with `multigen build -O2`, then runs, N times and interleaved (so noise hits all alike):
the C twin, the AOT executable, `multigen run --no-cache -O2` (the whole JIT process,
compilation included), CPython, and PyPy (`pypy3`) and Numba when installed.  Numba runs
the unchanged program with every top-level function passed through `numba.njit` where
that compiles (the rest stays Python).  Every output is checked against NAME.out
(NAME.small.out with --small).  Prints medians, ratios to C and to CPython, and the
geometric means; --markdown also writes the table to FILE.  Not part of the test suite.
"""
import argparse, math, pathlib, shutil, statistics, subprocess, sys, tempfile, time

HERE = pathlib.Path(__file__).resolve().parent
MG = HERE.parent / "target" / "release" / "multigen"
CORPUS = HERE.parent / "tests" / "corpus" / "run"


def stem(name: str) -> pathlib.Path:
    """The program's path without suffix: the seed programs are the corpus's bench_* files."""
    if name.startswith("seed_"):
        return CORPUS / f"bench_{name[len('seed_'):]}"
    return HERE / name

NUMBA_RUNNER = r'''
import sys, types, runpy
import numba
path = sys.argv[1]
sys.argv = sys.argv[1:]
source = open(path).read()
module = types.ModuleType("__bench__")
module.__file__ = path
exec(compile(source, path, "exec"), module.__dict__)
for name, obj in list(module.__dict__.items()):
    if isinstance(obj, types.FunctionType) and obj.__module__ == "__bench__" and name != "main":
        try:
            module.__dict__[name] = numba.njit(cache=False)(obj)
        except Exception:
            pass
module.__dict__["main"]()
'''


def run(cmd, expect):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, cwd=HERE)
    dt = time.perf_counter() - t
    if p.returncode != 0 or p.stdout != expect:
        return None
    return dt


def geo(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--small", action="store_true", help="use the small sizes of small.txt")
    ap.add_argument("--no-jit", action="store_true")
    ap.add_argument("--no-python", action="store_true", help="skip CPython, PyPy and Numba")
    ap.add_argument("--cc", default=shutil.which("clang-19") or "cc")
    ap.add_argument("--numba-python", help="a python with numba installed (e.g. a venv's bin/python)")
    ap.add_argument("--markdown")
    a = ap.parse_args()
    sizes = dict(l.split() for l in (HERE / "small.txt").read_text().splitlines() if l.strip() and not l.startswith("#"))
    names = a.names or list(sizes)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mg-bench-"))
    runner = tmp / "numba_runner.py"
    runner.write_text(NUMBA_RUNNER)
    pypy = shutil.which("pypy3")
    rows = []
    for name in names:
        args = [sizes[name]] if a.small else []
        base = stem(name)
        small_out = base.with_name(base.name + ".small.out")
        expect = (small_out if a.small and small_out.exists() else base.with_suffix(".out")).read_bytes()
        py = base.with_suffix(".py")
        c_exe, mg_exe = tmp / f"{name}.c.exe", tmp / f"{name}.mg.exe"
        subprocess.run([MG, "build", "-O2", py, "-o", mg_exe], check=True)
        cmds = {}
        # The seven seed programs (seed_*) have no C twin.
        if (HERE / f"{name}.c").exists():
            subprocess.run([a.cc, "-O2", "-o", c_exe, HERE / f"{name}.c", "-lm"], check=True)
            cmds["C"] = [c_exe] + args
        cmds["AOT"] = [mg_exe] + args
        if not a.no_jit:
            cmds["JIT"] = [MG, "run", "--no-cache", "-O2", py] + args
        if not a.no_python:
            cmds["CPython"] = [sys.executable, py] + args
            if pypy:
                cmds["PyPy"] = [pypy, py] + args
            if a.numba_python:
                cmds["Numba"] = [a.numba_python, runner, py] + args
        times = {k: [] for k in cmds}
        for _ in range(a.runs):
            for k, cmd in cmds.items():
                times[k].append(run(cmd, expect))
        med = {k: (statistics.median(v) if all(x is not None for x in v) else None) for k, v in times.items()}
        rows.append((name, med))
        shown = "  ".join(f"{k} {v:7.3f}" if v is not None else f"{k}   wrong" for k, v in med.items())
        print(f"{name:15} {shown}", flush=True)
    cols = [c for c in ["C", "AOT", "JIT", "CPython", "PyPy", "Numba"] if any(c in m for _, m in rows)]
    lines = ["| program | " + " | ".join(f"{c} (s)" for c in cols) + " | AOT / C | AOT / CPython |" + (" JIT / C |" if "JIT" in cols else ""),
             "|---|" + "---:|" * (len(cols) + 2 + ("JIT" in cols))]
    fmt = lambda v: f"{v:.3f}" if v is not None else "failed"
    ratio = lambda x, y: (x / y) if x is not None and y else None
    for name, med in rows:
        r_c = ratio(med["AOT"], med.get("C"))
        r_py = ratio(med["AOT"], med.get("CPython"))
        line = f"| {name} | " + " | ".join(fmt(med.get(c)) if c in med else "-" for c in cols) + f" | {fmt(r_c) if r_c else '-'} | {fmt(r_py) if r_py else '-'} |"
        if "JIT" in cols:
            r_j = ratio(med["JIT"], med.get("C"))
            line += f" {fmt(r_j) if r_j else '-'} |"
        lines.append(line)
    summary = [f"geometric mean AOT / C: {geo([ratio(m['AOT'], m.get('C')) for _, m in rows]):.2f} (programs with a C twin)"]
    if "JIT" in cols:
        summary.append(f"geometric mean JIT / C: {geo([ratio(m['JIT'], m.get('C')) for _, m in rows]):.2f}")
    if "CPython" in cols:
        summary.append(f"geometric mean CPython / AOT: {geo([ratio(m.get('CPython'), m['AOT']) for _, m in rows]):.1f}")
    for other in ("PyPy", "Numba"):
        if other in cols:
            summary.append(f"geometric mean {other} / AOT: {geo([ratio(m.get(other), m['AOT']) for _, m in rows]):.1f} (programs where {other} finished correctly)")
    text = "\n".join(lines) + "\n\n" + "\n".join(summary) + "\n"
    print()
    print(text)
    if a.markdown:
        pathlib.Path(a.markdown).write_text(text)


if __name__ == "__main__":
    main()
