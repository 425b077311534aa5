#!/usr/bin/env bash
# Installs the Debian packages multigen needs to build and test (LLVM 19 for inkwell's static
# link, clang-19 to compile the runtime to bitcode, gdb for the tests of `-g`) when they are
# missing.  Idempotent: does nothing, and needs no network, when everything is present.
set -euo pipefail

packages=(llvm-19-dev libpolly-19-dev libzstd-dev clang-19 lld-19 gcc gdb)
missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
