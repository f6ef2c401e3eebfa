#!/usr/bin/env bash
# The main job until the activation search lands: build activ, list the seed's
# activations with their computed properties, and plot them with their
# derivatives into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release --target activ_cli -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
activ=build/release/activ
mkdir -p out
echo "== the activations the seed blog post names"
$activ list --set seed
echo
$activ show mish
$activ plot mish -o out/mish.svg
$activ plot sigmoid tanh stanh psf resech silu -o out/seed-sigmoid-family.svg
$activ plot relu leaky_relu:slope=0.1 prelu brelu apl -o out/seed-relu-family.svg --range -3:3
$activ plot elu selu swish softplus mish -o out/seed-smooth.svg
echo
echo "Open the plots in out/ with a browser.  More: $activ --help"
