#!/usr/bin/env bash
# activ search --shard K/N and activ merge on a small synthetic data set: the
# three shards of a search (in their own DIRs, and together in one DIR)
# merged give the whole search's runs and report; a missing shard, another
# configuration and a run with two different results are refused.
# Everything runs on one core (taskset), so every run trains with one thread
# whatever the machine: results are bit-identical for a given thread count.
set -uo pipefail
activ=$1 make_idx=$2 judge=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
one=(taskset -c 0)
mkdir -p "$dir/data" && "$make_idx" "$dir/data" 2000 300 >/dev/null || fail "make_idx"
search=(search --data "$dir/data" --val-size 300 --acts mish,tanh,elu --seeds 2 --epochs 3 --batch 32 --jobs 2 --quiet)
timing='seconds|sec_per_epoch|total_seconds|training_seconds|peak_rss_mb|wall_seconds|time_ratio|fwd_ns_per_elem|bwd_ns_per_elem|command_line|threads|workers'
strip() { sed -E "s/\"($timing)\": ?(\"[^\"]*\"|[^],}]+)/\"\\1\": T/g" "$1"; }
same_report() { diff <(strip "$1/results.json") <(strip "$2/results.json") >"$dir/diff" ||
  fail "$2/results.json differs from the whole search's: $(head -c 1500 "$dir/diff")"; }
nruns() { ls "$1/runs" 2>/dev/null | grep -c '\.json$'; }

"${one[@]}" "$activ" "${search[@]}" -o "$dir/whole" >/dev/null 2>"$dir/w.err" || fail "whole search: $(cat "$dir/w.err")"

# 1. three shards, each in its own DIR: a partial journal each, no report
for k in 1 2 3; do
  "${one[@]}" "$activ" "${search[@]}" --shard $k/3 -o "$dir/s$k" >"$dir/s$k.out" 2>"$dir/s$k.err" ||
    fail "shard $k/3: $(cat "$dir/s$k.err")"
  [ -e "$dir/s$k/results.json" ] && fail "shard $k/3 wrote a report"
done
[ "$(nruns "$dir/s1")" -eq 3 ] && [ "$(nruns "$dir/s2")" -eq 3 ] && [ "$(nruns "$dir/s3")" -eq 2 ] ||
  fail "shards hold $(nruns "$dir/s1"), $(nruns "$dir/s2"), $(nruns "$dir/s3") runs, expected 3, 3, 2 of 8"
# run index mod 3: shard 1 has runs 0, 3, 6 of the seed-major list (relu, mish, tanh, elu) x (seed 1, 2)
[ "$(ls "$dir/s1/runs" | tr '\n' ' ')" = "elu_seed1.json relu_seed1.json tanh_seed2.json " ] ||
  fail "shard 1/3 holds $(ls "$dir/s1/runs")"
"$activ" merge "$dir/s1" "$dir/s2" "$dir/s3" -o "$dir/m" >"$dir/m.out" 2>"$dir/m.err" || fail "merge: $(cat "$dir/m.err")"
"$judge" compare "$dir/whole" "$dir/m" >/dev/null || fail "merged runs differ from the whole search's"
same_report "$dir/whole" "$dir/m"
grep -q "$dir/m/report.html" "$dir/m.out" || fail "merge does not say where the report is: $(cat "$dir/m.out")"
echo "3 shards in 3 DIRs merged: the whole search's runs and report"

# 2. three shards at once in one DIR (a shared file system): they do not stop each other
for k in 1 2 3; do "${one[@]}" "$activ" "${search[@]}" --shard $k/3 -o "$dir/one" 2>"$dir/one$k.err" & done
wait || true
for k in 1 2 3; do grep -q "activ:" "$dir/one$k.err" && fail "shard $k/3 in a shared DIR: $(cat "$dir/one$k.err")"; done
[ "$(nruns "$dir/one")" -eq 8 ] || fail "shared DIR holds $(nruns "$dir/one") runs"
"$activ" merge "$dir/one" -o "$dir/one" >/dev/null 2>"$dir/one.err" || fail "merge in place: $(cat "$dir/one.err")"
same_report "$dir/whole" "$dir/one"
echo "3 shards in one DIR at once, merged in place: the same"

# 3. a shard missing: refused, nothing written; --allow-partial writes a report marked partial
"$activ" merge "$dir/s1" "$dir/s3" -o "$dir/p" 2>"$dir/p.err"
rc=$?
[ $rc -eq 1 ] || fail "merge with a shard missing: exit $rc, expected 1"
grep -q "3 of 8 runs are in none of the parts: mish_seed1 relu_seed2 elu_seed2" "$dir/p.err" || fail "missing runs not named: $(cat "$dir/p.err")"
[ -e "$dir/p" ] && fail "a refused merge wrote $dir/p"
"$activ" merge "$dir/s1" "$dir/s3" -o "$dir/p" --allow-partial >/dev/null 2>"$dir/p2.err" || fail "--allow-partial: $(cat "$dir/p2.err")"
grep -q '"PARTIAL: 3 of 8 runs missing' "$dir/p/results.json" || fail "partial report not marked in results.json"
grep -q 'PARTIAL: 3 of 8' "$dir/p/results.md" && grep -q 'PARTIAL: 3 of 8' "$dir/p/report.html" || fail "partial report not marked"
[ "$(sort "$dir/p/PARTIAL.txt" | tr '\n' ' ')" = "elu_seed2 mish_seed1 relu_seed2 " ] || fail "PARTIAL.txt: $(cat "$dir/p/PARTIAL.txt")"
"$activ" merge "$dir/p" "$dir/s2" -o "$dir/p" >/dev/null 2>&1 || fail "completing a partial merge"
[ -e "$dir/p/PARTIAL.txt" ] && fail "PARTIAL.txt left after the merge completed"
same_report "$dir/whole" "$dir/p"
echo "missing runs: refused, or a report marked partial; completed later"

# 4. parts of different searches: refused with the fields named
"${one[@]}" "$activ" "${search[@]}" --epochs 2 --shard 2/3 -o "$dir/x" 2>/dev/null || fail "shard of another search"
"$activ" merge "$dir/s1" "$dir/x" "$dir/s3" -o "$dir/q" 2>"$dir/q.err"
rc=$?
[ $rc -eq 2 ] || fail "merge of different searches: exit $rc, expected 2"
grep -q "epochs: 3 in $dir/s1, 2 in $dir/x" "$dir/q.err" || fail "the differing field is not named: $(cat "$dir/q.err")"
[ -e "$dir/q" ] && fail "a refused merge wrote $dir/q"
# a run in two parts with different results
cp -r "$dir/s1" "$dir/d"
sed -i -E 's/"test_acc": [^,]+/"test_acc": 0.125/' "$dir/d/runs/relu_seed1.json"
"$activ" merge "$dir/s1" "$dir/s2" "$dir/s3" "$dir/d" -o "$dir/r" 2>"$dir/r.err"
rc=$?
[ $rc -eq 1 ] && grep -q "relu_seed1 is in .* with different results" "$dir/r.err" || fail "conflicting duplicate: exit $rc: $(cat "$dir/r.err")"
# the same run twice with the same result is fine
"$activ" merge "$dir/s1" "$dir/s2" "$dir/s3" "$dir/s1" -o "$dir/r2" >/dev/null 2>&1 || fail "identical duplicates refused"
# a DIR that is no journal
"$activ" merge "$dir/s1" "$dir/data" -o "$dir/r3" 2>"$dir/r3.err"
[ $? -eq 2 ] && grep -q "$dir/data/search.json" "$dir/r3.err" || fail "not a journal: $(cat "$dir/r3.err")"
echo "mismatched parts: refused"

# 5. bad --shard values
for bad in 0/3 4/3 3 a/b 1/0 1/3x; do
  "$activ" "${search[@]}" --shard "$bad" -o "$dir/z" 2>"$dir/z.err"
  [ $? -eq 2 ] && grep -q -- "--shard '$bad'" "$dir/z.err" || fail "--shard $bad: $(cat "$dir/z.err")"
done
"$activ" merge -o "$dir/z" 2>/dev/null && fail "merge without parts accepted"
echo "bad --shard values: refused"
