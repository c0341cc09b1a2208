#!/usr/bin/env bash
# Dev only: `precheck photo` (the speed-tuned `cli` profile) against MediaPipe's own native runtime
# (its Python package, 0.10.21, in a venv under target/) on the same 29 real portraits, in one run on
# this machine. Prints wall and CPU (user + sys) times and the wall ratio, for precheck on every core
# (its default) and on one (`--jobs 1`; MediaPipe's Python solutions run one photo at a time).
# Usage: bash tools/bench/compare-cli.sh
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
# Wall and CPU seconds of a command, as "wall cpu".
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -o "$t" -f "%e %U %S" "$@" > /dev/null 2>&1 || true
  tail -1 "$t" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
  rm -f "$t"
}
read -r ours ours_cpu < <(timed "$bin" photo "${photos[@]}" --json)   # exit 1 when a photo fails
read -r one one_cpu < <(timed "$bin" photo "${photos[@]}" --json --jobs 1)
theirs_line=$("$venv/bin/python" tools/bench/mediapipe_compare.py "${photos[@]}" 2>/dev/null | tail -1)
theirs=$(echo "$theirs_line" | sed -E 's/.*total_s=([0-9.]+).*/\1/')
echo "precheck photos=${#photos[@]} total_s=$ours cpu_s=$ours_cpu"
echo "precheck --jobs 1 photos=${#photos[@]} total_s=$one cpu_s=$one_cpu"
echo "$theirs_line"
echo "ratio precheck/mediapipe = $(echo "scale=2; $ours / $theirs" | bc) (--jobs 1: $(echo "scale=2; $one / $theirs" | bc))"
