#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml), on trunk's staging dir: shrink the wasm first (release only),
# minify the app's JS glue, then list and compress the final bytes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/wasm-opt.sh"
# The app's JS glue is an ES module trunk's minifier gives up on (it stops at `export default`):
# terser shrinks it (8,864 → 6,628 B gzip of the first page load), release only.
if [ "${TRUNK_PROFILE:-}" = "release" ]; then
  for js in "${TRUNK_STAGING_DIR:?}"/zhongzhao-precheck-*.js; do
    node "$root/tools/wasm-opt/node_modules/terser/bin/terser" "$js" --module --compress --mangle --output "$js"
  done
fi
flags=()
# Brotli at quality 11 takes seconds on the worker's wasm; debug builds are not deployed.
[ "${TRUNK_PROFILE:-}" = "release" ] || flags=(--no-compress)
node "$root/scripts/site-files.mjs" "${TRUNK_STAGING_DIR:?}" "${flags[@]}"
