#!/usr/bin/env python3
"""Compile-time scalability: generated programs of 1k, 10k and 50k lines.

usage: benches/scale.py [--sizes 1000,10000,50000] [--runs 3] [--keep DIR]

Writes each program (functions of about 20 lines mixing int/float arithmetic, loops,
lists, dicts and strings, plus a main that calls them all), checks that the 1k program
prints what CPython prints, then times `multigen check`, `multigen build -O2` and
`multigen run --no-cache` (medians) and prints the time per 1000 lines, so that
super-linear growth shows.  It also prints what codegen emits per Python line (LLVM
instructions, reference-count calls and exception tests of the unoptimised module, from
`build --time-report`).  --bin compares another multigen binary (e.g. an older build).
"""
import argparse, pathlib, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
MG = ROOT / "target" / "release" / "multigen"


def emitted(src) -> dict:
    """The `emitted ...` counts `build --time-report` prints (empty for builds without them)."""
    p = subprocess.run([MG, "build", "--time-report", src, "-o", str(src) + ".exe"], capture_output=True, text=True)
    out = {}
    for line in p.stderr.splitlines():
        if line.startswith("emitted "):
            key, _, n = line.rpartition(": ")
            out[key.removeprefix("emitted ")] = int(n)
    return out

TEMPLATE = '''
def f{i}(n: int, xs: list[int]) -> int:
    total = {i} % 7
    scale = {i} * 0.5 + 1.0
    names: dict[str, int] = {{}}
    for k in range(n):
        if k % 3 == {m}:
            total += k * {a}
        elif k % 5 == 1:
            total -= xs[k % len(xs)]
        else:
            total += len(str(k))
        names["k" + str(k % 4)] = total % 97
    acc = 0.0
    for v in xs:
        acc += v * scale
    word = "w{i}" * (n % 3 + 1)
    if word.startswith("w") and acc > 0:
        total += int(acc) % 1000
    best = max([total % 13, len(names), {b}])
    return total + best + len(word)
'''


def program(lines: int) -> str:
    n_funcs = max(1, lines // 23)
    parts = [TEMPLATE.format(i=i, m=i % 3, a=i % 11 + 1, b=i % 17) for i in range(n_funcs)]
    calls = "\n".join(f"    checksum = (checksum + f{i}(12, data)) % 1000000007" for i in range(n_funcs))
    parts.append(f"\n\ndef main() -> None:\n    data = [3, 1, 4, 1, 5, 9, 2, 6]\n    checksum = 0\n{calls}\n    print(checksum)\n\n\nif __name__ == \"__main__\":\n    main()\n")
    return "".join(parts)


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{p.stderr.decode()[-800:]}")
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep")
    ap.add_argument("--bin", help="the multigen binary to measure (default: target/release/multigen)")
    a = ap.parse_args()
    global MG
    if a.bin:
        MG = pathlib.Path(a.bin).resolve()
    tmp = pathlib.Path(a.keep or tempfile.mkdtemp(prefix="mg-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"{'lines':>7} {'check (s)':>10} {'build -O2 (s)':>14} {'ms/kline':>9} {'run (s)':>8} {'insts/line':>10} {'rc/kline':>9} {'exc/kline':>9}")
    for size in [int(s) for s in a.sizes.split(",")]:
        src = tmp / f"gen_{size}.py"
        text = program(size)
        src.write_text(text)
        n_lines = text.count("\n")
        if size <= 1000:
            want = subprocess.run([sys.executable, src], capture_output=True, text=True).stdout
            got = subprocess.run([MG, "run", "--no-cache", src], capture_output=True, text=True).stdout
            if want != got:
                raise SystemExit(f"generated program differs from CPython: {got!r} vs {want!r}")
        check = statistics.median(timed([MG, "check", src]) for _ in range(a.runs))
        build = statistics.median(timed([MG, "build", "-O2", src, "-o", tmp / f"gen_{size}"]) for _ in range(a.runs))
        run = statistics.median(timed([MG, "run", "--no-cache", src]) for _ in range(a.runs)) if size <= 10000 else float("nan")
        counts = emitted(src)
        per_line = lambda key, scale: f"{counts[key] * scale / n_lines:.2f}" if key in counts else "-"
        print(f"{n_lines:>7} {check:>10.3f} {build:>14.2f} {build * 1e6 / n_lines:>9.1f} {run:>8.2f} {per_line('llvm instructions', 1):>10} "
              f"{per_line('refcount calls', 1000):>9} {per_line('exception tests', 1000):>9}", flush=True)


if __name__ == "__main__":
    main()
