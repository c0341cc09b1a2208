#!/usr/bin/env bash
# Trunk post-build hook: shrinks the release wasm with Binaryen's wasm-opt from npm (tools/wasm-opt).
# Trunk's own wasm-opt step is off (index.html data-wasm-opt="0") because Debian's wasm-opt 108
# breaks wasm-bindgen's externref table ("WebAssembly.Table.set(): Argument 1 is invalid").
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opt="$root/tools/wasm-opt/node_modules/.bin/wasm-opt"
if [ ! -x "$opt" ]; then
  echo "wasm-opt.sh: $opt missing; run scripts/setup.sh" >&2
  exit 1
fi
for wasm in "${TRUNK_STAGING_DIR:?}"/*_bg.wasm; do
  # The page's own wasm is shrunk for the first load; the lazily loaded face worker is optimised
  # for speed (its size budget is separate).
  level=-Oz
  case "$(basename "$wasm")" in face_worker_bg.wasm) level=-O3 ;; esac
  "$opt" "$level" --strip-debug --strip-producers --enable-simd \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    -o "$wasm.opt" "$wasm"
  mv "$wasm.opt" "$wasm"
done
