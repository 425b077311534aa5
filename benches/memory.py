#!/usr/bin/env python3
"""Peak RSS of building and dropping a 1,000,000-element list 100 times, against building it once.

usage: benches/memory.py
Builds both programs with `multigen build`, runs them under /usr/bin/time -f %M (peak RSS in KiB)
and prints both figures and their ratio. A leak-free runtime keeps the ratio near 1.
"""
import pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
MG = ROOT / "target" / "release" / "multigen"
BODY = '''def build(n: int) -> int:
    xs = [i for i in range(n)]
    return len(xs)


def main() -> None:
    total = 0
    for _ in range({loops}):
        total += build(1000000)
    print(total)


main()
'''


def peak_rss(loops: int, tmp: pathlib.Path) -> int:
    src = tmp / f"loop{loops}.py"
    src.write_text(BODY.format(loops=loops))
    exe = tmp / f"loop{loops}"
    subprocess.run([MG, "build", src, "-o", exe], check=True)
    p = subprocess.run(["/usr/bin/time", "-f", "%M", exe], capture_output=True, text=True, check=True)
    return int(p.stderr.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        one, hundred = peak_rss(1, tmp), peak_rss(100, tmp)
    print(f"peak RSS, one 1M-element list:        {one} KiB")
    print(f"peak RSS, 100 lists built and dropped: {hundred} KiB")
    print(f"ratio: {hundred / one:.2f}")
    sys.exit(0 if hundred < 2 * one else 1)


if __name__ == "__main__":
    main()
