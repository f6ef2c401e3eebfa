#!/usr/bin/env bash
# activ train as a user runs it, on a small synthetic data set: learning,
# JSON, checkpoints, identical reruns, and clear errors for bad input.
set -uo pipefail
activ=$1 make_idx=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$dir/data" && "$make_idx" "$dir/data" 1200 300 || fail "make_idx"
common=(--data "$dir/data" --val-size 200 --epochs 2 --batch 64 --threads 2 --quiet)

"$activ" train "${common[@]}" --act mish --json --log "$dir/a.json" --save "$dir/m.ckpt" >"$dir/a.out" || fail "train exit $?"
grep -q '"test_acc"' "$dir/a.out" || fail "no JSON summary on stdout"
acc=$(sed -n 's/.*"test_acc": \([0-9.]*\).*/\1/p' "$dir/a.out")
awk -v a="$acc" 'BEGIN { exit !(a >= 0.9) }' || fail "synthetic bands not learnt: test accuracy $acc"
cmp -s "$dir/a.out" "$dir/a.json" || fail "the log differs from the --json summary"
echo "learnt: test accuracy $acc"

# the same seed and threads: the same numbers (times aside)
"$activ" train "${common[@]}" --act mish --log "$dir/b.json" || fail "second run"
strip() { sed -E 's/"(seconds|sec_per_epoch|total_seconds|peak_rss_mb)": [0-9.e+-]+/"\1": T/g' "$1"; }
diff <(strip "$dir/a.json") <(strip "$dir/b.json") >/dev/null || fail "two runs with the same seed differ"
echo "rerun: identical"

# --profile: a time per layer, forward and backward, for every layer of the model
"$activ" train "${common[@]}" --epochs 1 --model cnn --profile --log "$dir/p.json" >"$dir/p.out" || fail "profile run"
grep -q "forward s" "$dir/p.out" && grep -q "conv 64 k3 s1 p1 " "$dir/p.out" && grep -q "maxpool 2 " "$dir/p.out" ||
  fail "--profile printed no per-layer table: $(cat "$dir/p.out")"
echo "profile: per-layer times printed"

# a checkpoint loads into the same model and activation; evaluation of 1 more epoch starts from it
"$activ" train "${common[@]}" --act mish --epochs 1 --load "$dir/m.ckpt" --log "$dir/c.json" || fail "load"
"$activ" train "${common[@]}" --act relu --load "$dir/m.ckpt" --log "$dir/d.json" 2>"$dir/err"
[ $? -eq 2 ] && grep -q "trained with activation mish" "$dir/err" || fail "a checkpoint of another activation was not refused"

# bad input: a message that says what, exit 2, no log left behind
expect_error() { # what, pattern, args...
  local what=$1 pat=$2; shift 2
  "$activ" train "$@" --log "$dir/bad.json" >"$dir/out" 2>"$dir/err"; local rc=$?
  [ $rc -eq 2 ] || fail "$what: exit $rc (expected 2)"
  grep -q -e "$pat" "$dir/err" || fail "$what: message '$(cat "$dir/err")' lacks '$pat'"
  [ ! -e "$dir/bad.json" ] || fail "$what: a log was written"
}
expect_error "unknown activation" "unknown activation" "${common[@]}" --act wobble
expect_error "missing data" "no-such-dir" --data "$dir/no-such-dir" --epochs 1
expect_error "bad model" "unknown layer" "${common[@]}" --model "dense 10; frob"
expect_error "bad number" "--epochs" "${common[@]}" --epochs 0
printf 'garbage' | gzip >"$dir/data/t10k-labels-idx1-ubyte.gz"
expect_error "corrupt labels" "t10k-labels-idx1-ubyte.gz" "${common[@]}"
echo "errors: clear messages, exit 2, nothing written"
