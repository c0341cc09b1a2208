#!/usr/bin/env bash
# Dev only: `precheck photo` (the speed-tuned `cli` profile) against MediaPipe's own native runtime
# (its Python package, 0.10.21, in a venv under target/) on the same 29 real portraits, in one run on
# this machine. Prints both wall times and the ratio. Usage: bash tools/bench/compare-cli.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
photos=(../shared/real-portraits/*.jpg)
venv=target/mediapipe-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet mediapipe==0.10.21
fi
cargo build --quiet --profile cli --bin precheck
bin=target/cli/precheck
t0=$(date +%s.%N)
"$bin" photo "${photos[@]}" --json > /dev/null || true   # exit 1 when a photo fails its checks
t1=$(date +%s.%N)
ours=$(echo "$t1 - $t0" | bc)
theirs_line=$("$venv/bin/python" tools/bench/mediapipe_compare.py "${photos[@]}" 2>/dev/null | tail -1)
theirs=$(echo "$theirs_line" | sed -E 's/.*total_s=([0-9.]+).*/\1/')
echo "precheck photos=${#photos[@]} total_s=$ours"
echo "$theirs_line"
echo "ratio precheck/mediapipe = $(echo "scale=2; $ours / $theirs" | bc)"
