"""A program of N modules (ten small functions each) and a main script that imports them all:
what docs/benchmarks.md times `multigen build` on.  Usage: modules_scale.py N DIR."""
import sys, pathlib, shutil
n = int(sys.argv[1]); root = pathlib.Path(sys.argv[2]); shutil.rmtree(root, ignore_errors=True); root.mkdir(parents=True)
main = []
for k in range(n):
    lines = [f"def f{k}_{j}(x: int) -> int:\n    total = 0\n    for i in range(x):\n        if i % 3 == 0:\n            total += i * {j + 1}\n        else:\n            total -= i\n    return total\n\n" for j in range(10)]
    (root / f"mod{k}.py").write_text("".join(lines))
    main.append(f"import mod{k}\n")
main.append("s = 0\n")
for k in range(n):
    main.append(f"s += mod{k}.f{k}_0(10) + mod{k}.f{k}_9(5)\n")
main.append("print(s)\n")
(root / "main.py").write_text("".join(main))
