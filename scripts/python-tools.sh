#!/usr/bin/env bash
# The Python tools the package's targets need (maturin to build the wheel, pytest to test it),
# in a virtualenv of their own under build/ (`make wheel`, `make pytest`).  Idempotent: does
# nothing, and needs no network, once they are there.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=build/pytools
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/pytest" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin==1.16.0" "pytest>=7"
fi
