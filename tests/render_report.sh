#!/bin/bash
# Renders a search's report.html in headless Chromium and checks that the
# page's plots survive rendering: the DOM after load holds the accuracy,
# curves, cost and shape charts, the results table and the verdict.
# Usage: render_report.sh REPORT.html [SCREENSHOT.png]
# Exits 77 (skipped) when Chromium is not installed (Debian: chromium).
set -u
html=${1:?usage: render_report.sh REPORT.html [SCREENSHOT.png]}
shot=${2:-}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
    echo "chromium not installed (Debian: apt-get install chromium): skipped"
    exit 77
fi
[ -f "$html" ] || { echo "no such report: $html"; exit 1; }
html=$(realpath "$html")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$tmp/profile")
if ! timeout 45 "$chrome" "${flags[@]}" --dump-dom "file://$html" >"$tmp/dom.html" 2>"$tmp/err.log"; then
    echo "chromium failed:"; tail -20 "$tmp/err.log"; exit 1
fi
fail=0
need() { # need WHAT PATTERN [COUNT]: the rendered DOM holds PATTERN at least COUNT times
    local n; n=$(grep -o -- "$2" "$tmp/dom.html" | wc -l)
    if [ "$n" -lt "${3:-1}" ]; then echo "FAIL $1: '$2' found $n times"; fail=1; fi
}
need "accuracy chart" '<svg[^>]*id="acc-chart"[^>]*class="chart plot-accuracy"'
need "a bar per activation" '<g class="bar' 3
need "error bars" 'class="errbar"' 3
need "validation curves" '<svg[^>]*id="curves-chart"'
need "a curve per activation" '<polyline class="curve"' 3
need "cost scatter" '<svg[^>]*id="cost-chart"'
need "a point per activation" '<g class="point">' 3
need "shape plots" 'class="chart plot-shape"' 3
need "results table" '<table id="results">'
need "verdict" 'id="verdict"'
if [ -n "$shot" ]; then
    timeout 45 "$chrome" "${flags[@]}" --hide-scrollbars --window-size=1280,4000 --screenshot="$shot" \
        "file://$html" >/dev/null 2>&1 || { echo "screenshot failed"; fail=1; }
fi
[ "$fail" = 0 ] && echo "report.html renders with its plots"
exit $fail
