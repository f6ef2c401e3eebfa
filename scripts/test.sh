#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: once normally and once
# under AddressSanitizer + UndefinedBehaviorSanitizer (with a thinner sweep).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACTIV_BUILD_TESTS=ON >/dev/null
cmake --build build/release -j"$jobs"
ctest --test-dir build/release -j"$jobs" --output-on-failure

echo "== build and test under ASan + UBSan"
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DACTIV_SANITIZE=ON -DACTIV_BUILD_TESTS=ON >/dev/null
cmake --build build/sanitize -j"$jobs"
ACTIV_TEST_DENSITY=0.25 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize -j"$jobs" --output-on-failure

echo "== fuzz the parsers (25 s a target; a crash is saved to fuzz/regress/ and fails the run)"
scripts/fuzz.sh 25
