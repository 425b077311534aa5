#!/usr/bin/env python3
"""Whole-process timings of multigen on one program, side by side, medians of N runs.

usage: benches/startup.py [--runs N] [--old-venv DIR] [PROGRAM.py]

Measures, interleaved so machine noise hits every row alike:
  multigen run (JIT)          whole process without the compile cache: parse, check, codegen, optimise, JIT, execute
  multigen build (AOT)        whole process: ... emit object, link with cc
  AOT executable              the program built above
  python3                     CPython on the same file
  old multigen convert + JIT  the pip package `multigen` with llvmlite, when --old-venv names a
                              virtualenv where it is installed (convert -t llvm, then its
                              jit_compile_and_run on the .ll)
Prints a table with medians and the ratio of each row to `multigen run`.
"""
import argparse, os, pathlib, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OLD_JIT = "import sys; from multigen.backends.llvm.jit_executor import jit_compile_and_run; jit_compile_and_run(sys.argv[1])"


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - t) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("program", nargs="?", default=str(ROOT / "examples/fibonacci.py"))
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--old-venv", help="virtualenv with the pip package multigen (and llvmlite)")
    a = ap.parse_args()
    mg = str(ROOT / "target/release/multigen")
    tmp = tempfile.mkdtemp(prefix="mg-bench-")
    exe = os.path.join(tmp, "prog")
    rows = {
        "multigen run (JIT)": [mg, "run", "--no-cache", a.program],
        "multigen build (AOT)": [mg, "build", a.program, "-o", exe],
        "AOT executable": [exe],
        "python3": [sys.executable, a.program],
    }
    if a.old_venv:
        old_bin = os.path.join(a.old_venv, "bin")
        stem = pathlib.Path(a.program).stem
        ll = os.path.join(tmp, "old", "src", stem + ".ll")
        rows["old multigen convert"] = [os.path.join(old_bin, "multigen"), "-d", os.path.join(tmp, "old"), "convert", "-t", "llvm", a.program]
        rows["old multigen JIT of .ll"] = [os.path.join(old_bin, "python"), "-c", OLD_JIT, ll]
    subprocess.run(rows["multigen build (AOT)"], check=True)
    times = {name: [] for name in rows}
    for _ in range(a.runs):
        for name, cmd in rows.items():
            times[name].append(timed(cmd))
    base = statistics.median(times["multigen run (JIT)"])
    print(f"program: {a.program}   runs: {a.runs}   (medians, ms)")
    print(f"{'':28} {'median':>9} {'min':>9} {'x JIT':>8}")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:28} {m:9.1f} {min(ts):9.1f} {m / base:8.2f}")
    if a.old_venv:
        old = statistics.median(times["old multigen convert"]) + statistics.median(times["old multigen JIT of .ll"])
        print(f"{'old multigen convert + JIT':28} {old:9.1f} {'':9} {old / base:8.2f}")


if __name__ == "__main__":
    main()
