#!/usr/bin/env bash
# Installs the Debian packages activ needs (as root, or with sudo); skips apt
# entirely when everything is already there.
#   scripts/install-deps.sh           to build and run: compiler, CMake, SLEEF, OpenBLAS (OpenMP
#                                     build), zlib, and the default data set (Fashion-MNIST)
#   scripts/install-deps.sh --tests   also what the tests use: MPFR (the oracle), clang + libFuzzer
#                                     (fuzzing the parsers), python3 (reading JSON back), chromium
#                                     (rendering the search report headless), OpenMPI (the MPI search;
#                                     activ builds without it, then `mpirun activ search` is unavailable)
set -euo pipefail
packages=(build-essential cmake pkg-config libsleef-dev libopenblas-openmp-dev zlib1g-dev dataset-fashion-mnist)
if [ "${1:-}" = "--tests" ]; then
  packages+=(libmpfr-dev libgmp-dev clang libclang-rt-14-dev python3 chromium libopenmpi-dev openmpi-bin)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "activ: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
