#!/usr/bin/env bash
# What an activation costs in training: seconds per epoch of the same model with each activation,
# relative to ReLU measured in turns in the same run (ReLU again every few entries, and the ratio
# taken to the mean of the two ReLU measurements around each entry, so that drift cancels).
# Usage: bench/act_cost.sh [--model cnn] [--set all|seed|benchmark|NAME,...] [--train-size 12800] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
model=cnn set=all size=12800 threads=2
while [ $# -gt 0 ]; do
  case $1 in
    --model) model=$2; shift 2 ;;
    --set) set=$2; shift 2 ;;
    --train-size) size=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--model M] [--set all|seed|benchmark|NAME,...] [--train-size N] [--threads N]" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target activ_cli -j"$(nproc)" >/dev/null
activ=build/release/activ
case $set in
  all|seed|benchmark) names=$($activ list --set "$set" --json | /usr/bin/python3 -c 'import json,sys; print(" ".join(e["name"] for e in json.load(sys.stdin)))') ;;
  *) names=${set//,/ } ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
epoch() { # activation -> seconds per epoch
  $activ train --model "$model" --act "$1" --epochs 1 --train-size "$size" --val-size 0 --threads "$threads" \
    --quiet --log "$out/l.json" >/dev/null 2>&1 || { echo nan; return; }
  sed -n 's/.*"sec_per_epoch": \([0-9.e+-]*\).*/\1/p' "$out/l.json"
}
printf "%-22s %9s %9s\n" activation "s/epoch" "x relu"
relu_before=$(epoch relu)
batch=()
flush() {
  relu_after=$(epoch relu)
  for pair in "${batch[@]}"; do
    a=${pair%%=*} t=${pair#*=}
    awk -v a="$a" -v t="$t" -v r1="$relu_before" -v r2="$relu_after" \
      'BEGIN { r = (r1 + r2) / 2; printf "%-22s %9.3f %9.3f\n", a, t, t / r }'
  done
  relu_before=$relu_after batch=()
}
for a in $names; do
  [ "$a" = relu ] && continue
  batch+=("$a=$(epoch "$a")")
  [ ${#batch[@]} -ge 4 ] && flush
done
[ ${#batch[@]} -gt 0 ] && flush
