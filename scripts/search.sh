#!/usr/bin/env bash
# The main job: installs what activ needs, builds it, and runs an activation
# search on Fashion-MNIST (the default preset: the seed's 16 activations, the
# MLP, 3 seeds of 5 epochs each; see docs/search.md), then says where the report
# is.  Arguments go to `activ search` (e.g. --preset quick, --model cnn, -o DIR).
# Killed or interrupted, the same command resumes where it stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target activ_cli -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
has_output=0
for a in "$@"; do [ "$a" = "-o" ] && has_output=1; done
if [ $has_output -eq 0 ]; then
  exec build/release/activ search "$@" -o out/search
fi
exec build/release/activ search "$@"
