#!/usr/bin/env bash
# activ search as a user runs it, on a small synthetic data set: a whole
# search; the same search killed (kill -9 of its process group) at random
# moments and resumed, which must end with the same results; a changed
# configuration refused; a damaged run file redone.
set -uo pipefail
activ=$1 make_idx=$2 judge=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$dir/data" && "$make_idx" "$dir/data" 2000 300 || fail "make_idx"
search=(search --data "$dir/data" --val-size 300 --acts mish,tanh,elu --seeds 2 --epochs 3 --batch 32 --jobs 2)
runs=8 # (relu + 3) x 2 seeds

# 1. uninterrupted, with plain progress lines (stderr is not a terminal here)
t0=$(date +%s.%N)
"$activ" "${search[@]}" -o "$dir/a" >"$dir/a.out" 2>"$dir/a.err" || fail "search exit $?: $(cat "$dir/a.err")"
t1=$(date +%s.%N)
n=$(ls "$dir/a/runs" | grep -c '\.json$')
[ "$n" -eq $runs ] || fail "$n run files, expected $runs"
[ "$(grep -c '^\[[0-9]*/8\] ' "$dir/a.err")" -eq $runs ] || fail "not one progress line per run: $(cat "$dir/a.err")"
grep -q "$dir/a" "$dir/a.out" || fail "no report location on stdout: $(cat "$dir/a.out")"
for f in results.json report.html results.csv results.md; do [ -s "$dir/a/$f" ] || fail "no $f"; done
took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
echo "whole search: $runs runs in $took s"

# 2. killed at random moments, then the same command: the same runs and results.
# Each kill waits for the journal to reach a target (so every kill lands
# while the search has work left), then a random few milliseconds more.
count() { ls "$dir/b/runs" 2>/dev/null | grep -c '\.json$'; }
kills=0
for target in 0 1 3 5 7; do
  setsid "$activ" "${search[@]}" -o "$dir/b" >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(count)" -lt $target ]; do sleep 0.01; done
  sleep "0.0$((RANDOM % 10))"
  if kill -0 "$pid" 2>/dev/null; then kill -9 -- "-$pid" 2>/dev/null && kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  echo "  killed at $(count) runs in the journal"
  # what is in the journal is whole: every run file parses (temporaries may be left, never as runs)
  if [ -d "$dir/b/runs" ]; then
    "$judge" compare "$dir/b" "$dir/b" >/dev/null 2>"$dir/k.err" || grep -q "stray file.*tmp" "$dir/k.err" ||
      fail "after a kill: a run file is not whole: $(cat "$dir/k.err")"
  fi
done
echo "killed $kills times; the journal had $(count) of $runs runs"
[ "$kills" -ge 4 ] || fail "only $kills kills landed while searching"
"$activ" "${search[@]}" -o "$dir/b" --quiet >"$dir/b.out" 2>"$dir/b.err" || fail "resume exit $?: $(cat "$dir/b.err")"
ls "$dir/b/runs" | grep -q tmp && fail "temporaries left after a finished search"
"$judge" compare "$dir/a" "$dir/b" || fail "resumed search differs from the uninterrupted one"
# what the machine decides (times, memory, kernel speed) and where the search ran (the command line names DIR)
timing='seconds|sec_per_epoch|total_seconds|training_seconds|peak_rss_mb|wall_seconds|time_ratio|fwd_ns_per_elem|bwd_ns_per_elem|command_line'
strip() { sed -E "s/\"($timing)\": ?(\"[^\"]*\"|[^],}]+)/\"\\1\": T/g" "$1"; }
diff <(strip "$dir/a/results.json") <(strip "$dir/b/results.json") >"$dir/diff" || fail "results.json differs after resume: $(head -c 2000 "$dir/diff")"
grep -q '"test_acc_mean"' "$dir/b/results.json" || fail "results.json has no test_acc_mean"
echo "resume: same results"

# 3. a finished journal: nothing to train, the report again
"$activ" "${search[@]}" -o "$dir/a" >"$dir/c.out" 2>"$dir/c.err" || fail "rerun of a finished search: $?"
grep -q "8 in the journal" "$dir/c.err" || fail "a finished search trained again: $(cat "$dir/c.err")"
grep -q '^\[' "$dir/c.err" && fail "a finished search trained again"

# 4. another configuration in the same DIR: refused, exit 2, nothing touched
cp "$dir/a/search.json" "$dir/search.json.before"
"$activ" "${search[@]}" --epochs 4 -o "$dir/a" >"$dir/d.out" 2>"$dir/d.err"
rc=$?
[ $rc -eq 2 ] || fail "changed configuration: exit $rc, expected 2"
grep -q "epochs: 3 in the journal, 4 now" "$dir/d.err" || fail "message does not name the field: $(cat "$dir/d.err")"
grep -q -- "-o DIR" "$dir/d.err" || fail "message does not say how to proceed: $(cat "$dir/d.err")"
cmp -s "$dir/a/search.json" "$dir/search.json.before" || fail "search.json changed"
echo "changed configuration: refused"

# 5. a run file damaged by hand: reported and trained again, the same result
cp -r "$dir/a" "$dir/e"
victim=$(ls "$dir/e/runs" | head -1)
head -c 100 "$dir/a/runs/$victim" >"$dir/e/runs/$victim"
"$activ" "${search[@]}" -o "$dir/e" >"$dir/e.out" 2>"$dir/e.err" || fail "redo exit $?"
grep -q "trained again" "$dir/e.err" || fail "damaged run not reported: $(cat "$dir/e.err")"
"$judge" compare "$dir/a" "$dir/e" || fail "the redone run differs"
echo "damaged run: redone"

# 6. bad input: a clear message and exit 2
"$activ" search --data "$dir/data" --acts wobble -o "$dir/f" 2>"$dir/f.err"
[ $? -eq 2 ] && grep -q wobble "$dir/f.err" || fail "unknown activation: $(cat "$dir/f.err")"
"$activ" search --data "$dir/no-such" -o "$dir/g" --quiet 2>"$dir/g.err"
[ $? -eq 2 ] && grep -q no-such "$dir/g.err" || fail "missing data: $(cat "$dir/g.err")"
"$activ" search --preset nonsense 2>"$dir/h.err"
[ $? -eq 2 ] || fail "unknown preset accepted"
echo "errors: clear"
