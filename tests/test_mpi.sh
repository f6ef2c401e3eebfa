#!/usr/bin/env bash
# mpirun -n 2 and -n 3 activ search on localhost: the same runs and report as
# the single-process search; a training rank killed with -9 mid-search, then
# the same command again completes with the same results.  Skips (77) when
# the build has no MPI or mpirun is missing.  Everything runs on one core
# (taskset, and --bind-to none so that mpirun does not move the ranks), so
# every run trains with one thread: results are bit-identical for a given
# thread count.
set -uo pipefail
activ=$1 make_idx=$2 judge=$3 has_mpi=$4
[ "$has_mpi" = 1 ] || { echo "SKIP: activ built without MPI (-DACTIV_MPI=ON, Debian libopenmpi-dev)"; exit 77; }
command -v mpirun >/dev/null || { echo "SKIP: no mpirun (Debian openmpi-bin)"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
one=(taskset -c 0)
# Under ASan, OpenMPI's own allocations (in components it dlopens and unloads,
# so no frame names them) are reported as leaks at exit: leak checking is off
# for the ranks only; the single-process searches and merges here keep it.
mpi=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" mpirun --bind-to none --oversubscribe
  --allow-run-as-root)
mkdir -p "$dir/data" && "$make_idx" "$dir/data" 2000 300 >/dev/null || fail "make_idx"
search=(search --data "$dir/data" --val-size 300 --acts mish,tanh,elu --seeds 2 --epochs 3 --batch 32)
timing='seconds|sec_per_epoch|total_seconds|training_seconds|peak_rss_mb|wall_seconds|time_ratio|fwd_ns_per_elem|bwd_ns_per_elem|command_line|threads|workers'
strip() { sed -E "s/\"($timing)\": ?(\"[^\"]*\"|[^],}]+)/\"\\1\": T/g" "$1"; }
same() {
  "$judge" compare "$dir/whole" "$1" >"$dir/cmp" 2>&1 || fail "$1: runs differ from the single-process search: $(cat "$dir/cmp")"
  diff <(strip "$dir/whole/results.json") <(strip "$1/results.json") >"$dir/diff" ||
    fail "$1/results.json differs: $(head -c 1500 "$dir/diff")"
}
nruns() { ls "$1/runs" 2>/dev/null | grep -c '\.json$'; }

"${one[@]}" "$activ" "${search[@]}" --jobs 2 --quiet -o "$dir/whole" >/dev/null 2>"$dir/w.err" || fail "single-process search: $(cat "$dir/w.err")"

# 1. 2 and 3 ranks: rank 0 hands out the runs, the others train; one journal, one report
for n in 2 3; do
  t0=$(date +%s.%N)
  "${one[@]}" "${mpi[@]}" -n $n "$activ" "${search[@]}" -o "$dir/n$n" >"$dir/n$n.out" 2>"$dir/n$n.err" ||
    fail "mpirun -n $n: exit $?: $(cat "$dir/n$n.err")"
  t1=$(date +%s.%N)
  grep -q "$((n - 1)) MPI rank.* training" "$dir/n$n.err" || fail "-n $n: not $((n - 1)) training ranks: $(cat "$dir/n$n.err")"
  [ "$(grep -c '^\[[0-9]*/8\] ' "$dir/n$n.err")" -eq 8 ] || fail "-n $n: not one progress line per run"
  [ "$(grep -c 'Report:' "$dir/n$n.out")" -eq 1 ] || fail "-n $n: not one summary: $(cat "$dir/n$n.out")"
  same "$dir/n$n"
  echo "mpirun -n $n: the single-process search's runs and report ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s)"
done

# 2. a training rank killed with -9 mid-search: OpenMPI ends the job; every
# finished run is in the journal, whole; the same command again completes
# the search, with the same results.
"${one[@]}" "${mpi[@]}" -n 3 "$activ" "${search[@]}" -o "$dir/k" >/dev/null 2>"$dir/k.err" &
launcher=$!
victim=
while kill -0 "$launcher" 2>/dev/null && [ -z "$victim" ]; do
  for p in $(pgrep -P "$launcher"); do
    tr '\0' '\n' </proc/"$p"/environ 2>/dev/null | grep -q '^OMPI_COMM_WORLD_RANK=2$' && victim=$p
  done
done
[ -n "$victim" ] || fail "no rank 2 to kill (the search ended first?)"
while kill -0 "$launcher" 2>/dev/null && [ "$(nruns "$dir/k")" -lt 2 ]; do sleep 0.01; done
at=$(nruns "$dir/k")
kill -9 "$victim"
wait "$launcher"
rc=$?
left=$(nruns "$dir/k")
[ "$rc" -ne 0 ] || fail "the job exited 0 after a rank was killed"
# OpenMPI takes a moment to end the job, in which rank 0 journals what the living rank sends
[ "$at" -lt 8 ] || fail "the kill landed after the search ended"
[ -e "$dir/k/results.json" ] && fail "a report after a rank was killed"
"$judge" compare "$dir/k" "$dir/k" >/dev/null 2>"$dir/kc.err" || grep -q "stray file.*tmp" "$dir/kc.err" ||
  fail "a run file is not whole after the kill: $(cat "$dir/kc.err")"
echo "rank 2 killed with -9 at $at runs: the job ended (exit $rc) with $left of 8 runs in the journal"
"${one[@]}" "${mpi[@]}" -n 3 "$activ" "${search[@]}" -o "$dir/k" >"$dir/k2.out" 2>"$dir/k2.err" ||
  fail "the same command after the kill: exit $?: $(cat "$dir/k2.err")"
grep -q "$left in the journal" "$dir/k2.err" || fail "the rerun did not resume: $(head -1 "$dir/k2.err")"
same "$dir/k"
echo "rerun: resumed and completed, the same results"

# 3. --shard under mpirun: the ranks share the shard's runs; the two shards merged are the whole
for k in 1 2; do
  "${one[@]}" "${mpi[@]}" -n 2 "$activ" "${search[@]}" --shard $k/2 -o "$dir/sh" >/dev/null 2>"$dir/sh.err" ||
    fail "mpirun --shard $k/2: $(cat "$dir/sh.err")"
done
"$activ" merge "$dir/sh" -o "$dir/sh" >/dev/null 2>"$dir/shm.err" || fail "merge of MPI shards: $(cat "$dir/shm.err")"
same "$dir/sh"
echo "mpirun with --shard 1/2 and 2/2, merged: the same"

# 4. bad input under mpirun: rank 0 says it once, every rank stops, exit 2
"${one[@]}" "${mpi[@]}" -n 3 "$activ" "${search[@]}" --data "$dir/no-such" -o "$dir/bad" >/dev/null 2>"$dir/bad.err"
rc=$?
[ $rc -eq 2 ] || fail "missing data under mpirun: exit $rc, expected 2: $(cat "$dir/bad.err")"
[ "$(grep -c "no-such" "$dir/bad.err")" -ge 1 ] || fail "no message: $(cat "$dir/bad.err")"
# a changed configuration in the same DIR under mpirun: refused
"${one[@]}" "${mpi[@]}" -n 2 "$activ" "${search[@]}" --epochs 2 -o "$dir/n2" >/dev/null 2>"$dir/cfg.err"
[ $? -eq 2 ] && grep -q "epochs: 3 in the journal, 2 now" "$dir/cfg.err" || fail "changed config under mpirun: $(cat "$dir/cfg.err")"
echo "errors under mpirun: one message, exit 2"
