#!/usr/bin/env bash
# activ's kernels side by side with oneDNN's eltwise primitive and PyTorch, in one run, on the
# activations they share: ns per element and activ's speed-up over each (>1: activ is faster),
# with geometric means.  Directions: forward; backward (dx = dy f'(x) computed from x); backward_y
# (the same from y = f(x): activ_backward_from_output, oneDNN's *_use_dst_for_bwd algorithms,
# PyTorch's relu/tanh/sigmoid/elu(is_result) backward ops).  Each peer's figure is compared with
# activ's of the same form only (the dir column).  Installs the peers from Debian (libdnnl-dev,
# python3-torch) if missing; neither is a dependency of activ or its tests.
# Usage: bench/side_by_side.sh [--sizes 1048576,16777216] [--threads 1,2]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=1048576,16777216 threads=1,2
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--sizes N,N] [--threads T,T]" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh
need=()
for p in libdnnl-dev python3-torch; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target activ_cli -j"$(nproc)" >/dev/null
out=build/side_by_side; mkdir -p $out
cc -O2 -fopenmp bench/peer_dnnl.c -o $out/peer_dnnl -ldnnl -lm
rm -f $out/all.jsonl
names="relu leaky_relu elu selu tanh sigmoid gelu gelu_tanh silu mish softplus hard_swish hardsigmoid logsigmoid hardtanh softsign prelu exponential"
for t in ${threads//,/ }; do
  echo "== $t thread(s)" >&2
  build/release/activ bench $names --sizes "$sizes" --threads "$t" --json |
    /usr/bin/python3 -c 'import json,sys; [print(json.dumps(dict(r, peer="activ"))) for r in json.load(sys.stdin)]' >> $out/all.jsonl
  OMP_NUM_THREADS=$t $out/peer_dnnl ${sizes//,/ } >> $out/all.jsonl
  GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647 \
    /usr/bin/python3 bench/peer_torch.py "$t" ${sizes//,/ } >> $out/all.jsonl
done
/usr/bin/python3 - $out/all.jsonl <<'PY'
import json, math, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
t = {}
for r in rows:
    t[(r["peer"], r["activation"], r["direction"], r["size"], r["threads"])] = r["ns_per_element"]
keys = sorted({(r["threads"], r["size"], r["activation"], r["direction"]) for r in rows if r["peer"] == "activ"})
print("ns per element; speed-up = peer time / activ time (> 1: activ faster)\n")
print(f"{'thr':>3} {'size':>9} {'activation':<12} {'dir':<10} {'activ':>7} {'oneDNN':>7} {'x':>6} {'PyTorch':>8} {'x':>6}")
ratios = {}
for th, n, a, d in keys:
    me = t[("activ", a, d, n, th)]
    dn = t.get(("onednn", a, d, n, th)); pt = t.get(("pytorch", a, d, n, th))
    f = lambda v: f"{v:7.3f}" if v else "      -"
    r1 = dn / me if dn else None; r2 = pt / me if pt else None
    for peer, r in (("onednn", r1), ("pytorch", r2)):
        if r: ratios.setdefault((peer, th, n, d), []).append(r)
    print(f"{th:>3} {n:>9} {a:<12} {d:<10} {me:7.3f} {f(dn)} {r1 and f'{r1:6.2f}' or '     -'} {f(pt):>8} {r2 and f'{r2:6.2f}' or '     -'}")
print("\ngeometric mean speed-up of activ over the shared activations")
for (peer, th, n, d), v in sorted(ratios.items()):
    print(f"  vs {peer:<8} {th} thread(s) {n:>9} {d:<10} {math.exp(sum(map(math.log, v)) / len(v)):6.2f}  ({len(v)} activations)")
PY
