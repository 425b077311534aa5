#!/usr/bin/env bash
# Compiles examples/fibonacci.py in both modes and prints a timing table:
# the JIT's whole-process time, and the AOT build plus the executable's run.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/multigen
prog=${1:-examples/fibonacci.py}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

echo "== python3 $prog"
t0=$(now); python3 "$prog"; t1=$(now)
echo "== multigen run $prog   (JIT, phases on stderr)"
t2=$(now); $bin run --time-report "$prog"; t3=$(now)
echo "== multigen build $prog && ./exe   (AOT)"
t4=$(now); $bin build --time-report "$prog" -o "$out/prog"; t5=$(now)
"$out/prog"; t6=$(now)

echo
printf '%-26s %12s\n' "mode" "wall (ms)"
printf '%-26s %12s\n' "CPython 3" "$(ms "$t0" "$t1")"
printf '%-26s %12s\n' "multigen run (JIT)" "$(ms "$t2" "$t3")"
printf '%-26s %12s\n' "multigen build (AOT)" "$(ms "$t4" "$t5")"
printf '%-26s %12s\n' "AOT executable" "$(ms "$t5" "$t6")"
