#!/usr/bin/env bash
# Installs the Debian packages activ needs to build and test (as root, or with sudo).
# Skips apt entirely when everything is already there.
set -euo pipefail
# build: compiler, CMake, the vector libm, OpenBLAS (OpenMP build), zlib; the default data set;
# tests: MPFR (the oracle), clang + libFuzzer (fuzzing the parsers), python3 (reading JSON back),
# chromium (rendering the search report headless)
packages=(build-essential cmake pkg-config libmpfr-dev libgmp-dev libsleef-dev
          libopenblas-openmp-dev zlib1g-dev dataset-fashion-mnist
          clang libclang-rt-14-dev python3 chromium)
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
