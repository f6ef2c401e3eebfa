#!/usr/bin/env bash
# activ's training engine side by side with PyTorch 1.13 (Debian python3-torch, given OpenBLAS as
# ../shared/bench/pytorch/README.md describes) on the same recipe: Fashion-MNIST, the same model,
# Adam 1e-3, batch 128, PyTorch's default initialisation, no validation split (as the PyTorch
# script), the same threads.  Runs alternate activ / PyTorch per (model, activation, seed) so that
# both see the same machine; prints seconds per epoch, the speed-up, and both test accuracies.
# PyTorch is installed here only for the comparison; it is not a dependency of activ.
# Usage: bench/train_side_by_side.sh [--models mlp,cnn] [--acts relu,mish] [--epochs 5] [--seeds 0]
#                                    [--threads 2] [--torch DIR_WITH_train_bench.py]
set -euo pipefail
cd "$(dirname "$0")/.."
models=mlp,cnn acts=relu epochs=5 seeds=0 threads=2
torchdir=$(cd .. && pwd)/shared/bench/pytorch
while [ $# -gt 0 ]; do
  case $1 in
    --models) models=$2; shift 2 ;;
    --acts) acts=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --torch) torchdir=$2; shift 2 ;;
    *) echo "usage: $0 [--models mlp,cnn] [--acts relu,...] [--epochs N] [--seeds 0,1,2] [--threads N] [--torch DIR]" >&2
       exit 2 ;;
  esac
done
[ -f "$torchdir/train_bench.py" ] || { echo "no PyTorch recipe at $torchdir (--torch DIR)" >&2; exit 2; }
scripts/install-deps.sh
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
dpkg-query -W -f='${Status}' python3-torch 2>/dev/null | grep -q "install ok installed" ||
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch python3-numpy >/dev/null; }
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target activ_cli -j"$(nproc)" >/dev/null
out=build/train_side_by_side; mkdir -p $out; rm -f $out/*.json $out/torch.jsonl
# Debian's torch links the reference BLAS; PyTorch gets OpenBLAS (OpenMP build) and malloc tunables,
# as in the reference measurements, so that it is compared at its best
blas=/usr/lib/x86_64-linux-gnu/openblas-openmp
for m in ${models//,/ }; do
  for a in ${acts//,/ }; do
    for s in ${seeds//,/ }; do
      echo "== $m $a seed $s" >&2
      build/release/activ train --model "$m" --act "$a" --epochs "$epochs" --seed "$s" --threads "$threads" \
        --val-size 0 --init torch --quiet --log "$out/activ_${m}_${a}_$s.json"
      LD_LIBRARY_PATH=$blas GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295 \
        /usr/bin/python3 "$torchdir/train_bench.py" --model "$m" --act "$a" --epochs "$epochs" --seed "$s" \
        --threads "$threads" --out $out/torch.jsonl >/dev/null
    done
  done
done
/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics as st, sys
out = sys.argv[1]
torch = [json.loads(l) for l in open(f"{out}/torch.jsonl") if l.strip()]
rows = {}
for path in glob.glob(f"{out}/activ_*.json"):
    r = json.load(open(path))
    rows.setdefault((r["model"], r["act"]), {"activ": [], "torch": []})["activ"].append(
        (r["sec_per_epoch"], r["test_acc"] * 100))
for r in torch:
    key = (r["model"], r["act"])
    if key in rows:
        rows[key]["torch"].append((st.median(e["train_s"] for e in r["epochs"]), 100 * r["epochs"][-1]["test_acc"]))
print("seconds per training epoch (median) and test accuracy after the last epoch (mean over seeds)\n")
print(f"{'model':<6} {'act':<10} {'activ s':>8} {'torch s':>8} {'speed-up':>8}  {'activ %':>8} {'torch %':>8}")
for (m, a), v in sorted(rows.items()):
    if not v["activ"] or not v["torch"]:
        continue
    sa = st.median(x[0] for x in v["activ"]); stt = st.median(x[0] for x in v["torch"])
    aa = st.mean(x[1] for x in v["activ"]); at = st.mean(x[1] for x in v["torch"])
    print(f"{m:<6} {a:<10} {sa:8.2f} {stt:8.2f} {stt / sa:8.2f}x {aa:8.2f} {at:8.2f}")
PY
