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
grep -q "report: $dir/a" "$dir/a.out" || fail "no report location on stdout: $(cat "$dir/a.out")"
[ -s "$dir/a/results.json" ] || fail "no results.json"
took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
echo "whole search: $runs runs in $took s"

# 2. killed at random moments, then the same command: the same runs and results
RANDOM=7 # the moments differ between runs of this test only through timing
kills=0
for i in 1 2 3 4 5; do
  setsid "$activ" "${search[@]}" -o "$dir/b" >/dev/null 2>&1 &
  pid=$!
  # small steps, so that most kills land while runs are training
  delay=$(awk -v t="$took" -v r=$((RANDOM % 30 + 10)) 'BEGIN { printf "%.3f", t * r / 100 }')
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then kill -9 -- "-$pid" 2>/dev/null && kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  echo "  kill $i after ${delay}s: $(ls "$dir/b/runs" 2>/dev/null | grep -c "\.json$") runs in the journal"
  # what is in the journal is whole: every run file parses (temporaries may be left, never as runs)
  if [ -d "$dir/b/runs" ]; then
    "$judge" compare "$dir/b" "$dir/b" >/dev/null 2>"$dir/k.err" || grep -q "stray file.*tmp" "$dir/k.err" ||
      fail "after kill $i: a run file is not whole: $(cat "$dir/k.err")"
  fi
done
left=$(ls "$dir/b/runs" | grep -c '\.json$')
echo "killed $kills times; the journal had $left of $runs runs"
[ "$kills" -ge 3 ] || fail "only $kills kills landed while searching"
"$activ" "${search[@]}" -o "$dir/b" --quiet >"$dir/b.out" 2>"$dir/b.err" || fail "resume exit $?: $(cat "$dir/b.err")"
ls "$dir/b/runs" | grep -q tmp && fail "temporaries left after a finished search"
"$judge" compare "$dir/a" "$dir/b" || fail "resumed search differs from the uninterrupted one"
strip() { sed -E 's/"(seconds|sec_per_epoch|total_seconds|peak_rss_mb|wall_seconds|fwd_ns|bwd_ns|created)": [^,}]+/"\1": T/g' "$1"; }
diff <(strip "$dir/a/results.json") <(strip "$dir/b/results.json") >/dev/null || fail "results.json differs after resume"
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
