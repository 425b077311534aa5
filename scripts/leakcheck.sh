#!/usr/bin/env bash
# Builds every program of a corpus folder AOT and runs it under valgrind; reports the
# bytes "definitely lost" per program and the total.  usage: scripts/leakcheck.sh [DIR]
set -u
cd "$(dirname "$0")/.."
dir=${1:-tests/corpus/run}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
total=0; n=0; bad=0
for py in "$dir"/*.py; do
    name=$(basename "$py" .py)
    args=()
    [ -f "${py%.py}.txt" ] && args=("${py%.py}.txt")
    target/release/multigen build "$py" -o "$out/$name" >/dev/null 2>&1 || { echo "build failed: $name"; bad=$((bad+1)); continue; }
    lost=$(valgrind --leak-check=full "$out/$name" "${args[@]}" 2>&1 >/dev/null | sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' | tr -d ,)
    lost=${lost:-0}
    n=$((n+1)); total=$((total+lost))
    [ "$lost" != 0 ] && { echo "$name: $lost bytes definitely lost"; bad=$((bad+1)); }
done
echo "$n programs, $total bytes definitely lost in all, $bad with leaks or build failures"
