#!/usr/bin/env bash
# Fuzzes the data parsers, the activation spec parser and the model description parser: builds fuzz/ with
# clang (libFuzzer + ASan + UBSan) in build/fuzz and runs each target for
# SECONDS (default 20) from its seed corpus fuzz/corpus/<target>/ and past
# crashers fuzz/regress/<target>/.  Exits non-zero if a target crashed, after
# copying the crashing input into fuzz/regress/<target>/ (commit it: the
# fuzz.replay.<target> test then replays it in every build).
# Needs the Debian packages clang and libclang-rt-<version>-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
targets=(idx cifar spec)
# the model parser links the release library (built by scripts/test.sh before this)
[ -f build/release/libactiv.a ] && targets+=(model)

cc=""
if command -v clang >/dev/null; then
  cc=clang
else
  cc=$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1 || true)
fi
if [ -z "$cc" ]; then
  echo "fuzz.sh: clang not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>/dev/null; then
  v=$("$cc" -dumpversion | cut -d. -f1)
  echo "fuzz.sh: $cc cannot link libFuzzer (apt-get install libclang-rt-$v-dev)" >&2
  exit 2
fi

cmake -S fuzz -B build/fuzz -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE= >/dev/null
cmake --build build/fuzz -j2 >/dev/null

failed=()
for t in "${targets[@]}"; do
  work=build/fuzz/work/$t            # inputs the fuzzer finds stay out of the committed corpus
  art=build/fuzz/artifacts/$t
  mkdir -p "$work" "$art"
  rm -f "$art"/*
  dirs=("$work" "fuzz/corpus/$t")
  [ -d "fuzz/regress/$t" ] && dirs+=("fuzz/regress/$t")
  echo "== fuzz $t for ${secs}s"
  if build/fuzz/fuzz_"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$art/" "${dirs[@]}" >build/fuzz/$t.log 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done' build/fuzz/$t.log | tr '\n' ' '; echo
  else
    failed+=("$t")
    mkdir -p "fuzz/regress/$t"
    tail -40 build/fuzz/$t.log >&2
    for f in "$art"/*; do
      [ -e "$f" ] || continue
      cp "$f" "fuzz/regress/$t/"
      echo "fuzz.sh: $t: saved fuzz/regress/$t/$(basename "$f"); reproduce: build/fuzz/fuzz_$t fuzz/regress/$t/$(basename "$f")" >&2
    done
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes in: ${failed[*]}; fix them and commit the inputs in fuzz/regress/ (replayed by ctest -R fuzz.replay)" >&2
  exit 1
fi
echo "fuzz.sh: no crashes"
