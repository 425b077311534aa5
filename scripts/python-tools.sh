#!/usr/bin/env bash
# The Python tools the package's targets need (maturin to build the wheel, pytest to test it),
# in a virtualenv of their own under build/ (`make wheel`, `make pytest`).  Idempotent: does
# nothing, and needs no network, once they are there.  Debian's python3 needs python3-venv
# for virtualenvs: installed when missing, as scripts/install-deps.sh installs LLVM.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    echo "installing: python3-venv" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
fi
venv=build/pytools
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/pytest" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin==1.16.0" "pytest>=7"
fi
