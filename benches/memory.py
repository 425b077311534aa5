#!/usr/bin/env python3
"""Peak RSS of programs that drop what they build: reference counting and the cycle collector.

usage: benches/memory.py
- a 1,000,000-element list built and dropped 100 times, against building it once: a
  leak-free runtime keeps the ratio near 1;
- programs that make and drop 1,000,000 reference cycles (two nodes pointing at each
  other, rings of ten nodes, a parent and its child through a `list` field, two peers
  through a `dict` field): with the cycle collector each stays under 50 MB.
Builds each with `multigen build`, runs it under /usr/bin/time -f %M (peak RSS in KiB) and
checks its output against python3's, whose time is printed next to multigen's.
Exits 1 when a figure is over its bound.
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


CYCLE_CLASSES = '''
class Pair:
    def __init__(self, v: int) -> None:
        self.v = v
        self.other: Pair | None = None


class Ring:
    def __init__(self, v: int) -> None:
        self.v = v
        self.next: Ring | None = None


class Tree:
    def __init__(self, v: int) -> None:
        self.v = v
        self.parent: Tree | None = None
        self.children: list[Tree] = []


class Peer:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peers: dict[str, Peer] = {}


def pair(i: int) -> int:
    a = Pair(i)
    b = Pair(1)
    a.other = b
    b.other = a
    return a.v + b.v


def ring(i: int) -> int:
    first = Ring(i)
    last = first
    for j in range(9):
        node = Ring(j)
        last.next = node
        last = node
    last.next = first
    return first.v


def tree(i: int) -> int:
    root = Tree(i)
    child = Tree(1)
    child.parent = root
    root.children.append(child)
    return root.v + len(root.children)


def peers(i: int) -> int:
    a = Peer("a")
    b = Peer("b")
    a.peers["b"] = b
    b.peers["a"] = a
    return i + len(a.peers)
'''

# name: (what it makes, the loop calling one of the functions above)
CYCLE_CASES = {
    "pairs": ("1,000,000 two-node cycles", "pair", 1000000),
    "rings": ("100,000 rings of 10 nodes", "ring", 100000),
    "list_field": ("1,000,000 parent/child cycles through a list field", "tree", 1000000),
    "dict_field": ("1,000,000 peer cycles through a dict field", "peers", 1000000),
}
CYCLE_MAIN = '''

def main() -> None:
    total = 0
    for i in range({n}):
        total += {fn}(i)
    print(total)


main()
'''
CYCLE_LIMIT_KIB = 50 * 1024


def timed(cmd: list) -> tuple:
    """(stdout, peak RSS in KiB, seconds) of one run."""
    p = subprocess.run(["/usr/bin/time", "-f", "%M %e", *cmd], capture_output=True, text=True, check=True)
    rss, secs = p.stderr.strip().splitlines()[-1].split()
    return p.stdout, int(rss), float(secs)


def cycle_case(name: str, tmp: pathlib.Path) -> bool:
    what, fn, n = CYCLE_CASES[name]
    src = tmp / f"cycles_{name}.py"
    src.write_text(CYCLE_CLASSES + CYCLE_MAIN.format(n=n, fn=fn))
    exe = tmp / f"cycles_{name}"
    subprocess.run([MG, "build", src, "-o", exe], check=True)
    out, rss, secs = timed([exe])
    want, py_rss, py_secs = timed([sys.executable, src])
    ok = out == want and rss < CYCLE_LIMIT_KIB
    print(f"{what}: peak RSS {rss} KiB, {secs:.2f} s (python3: {py_rss} KiB, {py_secs:.2f} s)"
          f"{'' if out == want else ' WRONG OUTPUT'}{'' if rss < CYCLE_LIMIT_KIB else ' OVER 50 MB'}")
    return ok


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        one, hundred = peak_rss(1, tmp), peak_rss(100, tmp)
        print(f"peak RSS, one 1M-element list:        {one} KiB")
        print(f"peak RSS, 100 lists built and dropped: {hundred} KiB")
        print(f"ratio: {hundred / one:.2f}")
        ok = hundred < 2 * one
        for name in CYCLE_CASES:
            ok = cycle_case(name, tmp) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
