#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml), on trunk's staging dir: shrink the wasm first (release only),
# then list and compress the final bytes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/wasm-opt.sh"
flags=()
# Brotli at quality 11 takes seconds on the worker's wasm; debug builds are not deployed.
[ "${TRUNK_PROFILE:-}" = "release" ] || flags=(--no-compress)
node "$root/scripts/site-files.mjs" "${TRUNK_STAGING_DIR:?}" "${flags[@]}"
