#!/usr/bin/env bash
# `make pytest`: installs the wheel `make wheel` built into a fresh virtualenv, with pytest,
# and runs the package's tests (python/tests) there, away from the source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=build/pytest-venv
rm -rf "$venv"
python3 -m venv "$venv"
wheel=$(ls -t build/wheels/multigen-*.whl | head -1)
"$venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" "pytest>=7"
cd python/tests
exec "../../$venv/bin/python" -m pytest -q -p no:cacheprovider "$@" .
