#!/usr/bin/env python3
"""Benchmarks: multigen (AOT executable, and JIT as a whole process) against the C twins.

usage: benches/compare.py [--runs N] [--small] [--no-jit] [NAME...]

For each NAME.py here: builds NAME.c with `cc -O2 -lm` and NAME.py with
`multigen build` (-O2), then runs C, AOT and `multigen run` in turn, N times
(interleaved, so noise hits all alike; JIT without the compile cache, so compilation is included), checks every output against NAME.out
(NAME.small.out with --small), and prints medians and ratios to C, with the
geometric mean.  Not part of the test suite: timings are reported, not asserted.
"""
import argparse, math, pathlib, statistics, subprocess, sys, tempfile, time

HERE = pathlib.Path(__file__).resolve().parent
MG = HERE.parent / "target" / "release" / "multigen"


def run(cmd, expect):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, cwd=HERE)
    dt = time.perf_counter() - t
    if p.returncode != 0 or p.stdout != expect:
        raise SystemExit(f"{' '.join(map(str, cmd))}: wrong output or exit {p.returncode}\n{p.stderr.decode()[-400:]}")
    return dt


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--small", action="store_true", help="use the small sizes of small.txt")
    ap.add_argument("--no-jit", action="store_true")
    a = ap.parse_args()
    sizes = dict(l.split() for l in (HERE / "small.txt").read_text().splitlines() if l.strip() and not l.startswith("#"))
    names = a.names or list(sizes)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mg-bench-"))
    rows = []
    for name in names:
        args = [sizes[name]] if a.small else []
        expect = (HERE / f"{name}{'.small' if a.small else ''}.out").read_bytes()
        c_exe, mg_exe = tmp / f"{name}.c.exe", tmp / f"{name}.mg.exe"
        subprocess.run(["cc", "-O2", "-o", c_exe, HERE / f"{name}.c", "-lm"], check=True)
        subprocess.run([MG, "build", "-O2", HERE / f"{name}.py", "-o", mg_exe], check=True)
        cmds = {"c": [c_exe] + args, "aot": [mg_exe] + args}
        if not a.no_jit:
            cmds["jit"] = [MG, "run", "--no-cache", "-O2", HERE / f"{name}.py"] + args
        times = {k: [] for k in cmds}
        for _ in range(a.runs):
            for k, cmd in cmds.items():
                times[k].append(run(cmd, expect))
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append((name, med))
        jit = f"{med['jit']:8.3f} {med['jit'] / med['c']:6.2f}" if "jit" in med else ""
        print(f"{name:15} c {med['c']:8.3f}  aot {med['aot']:8.3f} {med['aot'] / med['c']:6.2f}  jit {jit}", flush=True)
    print()
    print(f"| program | C cc -O2 (s) | AOT (s) | AOT / C |" + (" JIT (s) | JIT / C |" if not a.no_jit else ""))
    print("|---|---:|---:|---:|" + ("---:|---:|" if not a.no_jit else ""))
    for name, med in rows:
        line = f"| {name} | {med['c']:.3f} | {med['aot']:.3f} | {med['aot'] / med['c']:.2f} |"
        if "jit" in med:
            line += f" {med['jit']:.3f} | {med['jit'] / med['c']:.2f} |"
        print(line)
    geo = math.exp(sum(math.log(m["aot"] / m["c"]) for _, m in rows) / len(rows))
    print(f"\ngeometric mean AOT / C: {geo:.2f}")
    if not a.no_jit:
        geo_jit = math.exp(sum(math.log(m["jit"] / m["c"]) for _, m in rows) / len(rows))
        print(f"geometric mean JIT / C: {geo_jit:.2f}")


if __name__ == "__main__":
    main()
