#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: each step is skipped when its tool
# is already there at the right version. Reaches only crates.io, the npm registry and Debian apt.
#
#   ./scripts/setup.sh
#
# - rustup target wasm32-unknown-unknown
# - apt: chromium chromium-driver fonts-wqy-microhei fonts-noto-cjk poppler-utils
#   (apt-get update + install only when one of them is missing)
# - trunk 0.21.14 (cargo install --locked)
# - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install, not --locked)
# - tests/e2e: npm ci (playwright-core only, never a browser download) when node_modules is missing
#   or package-lock.json changed
# - cargo fetch (so later builds can run offline)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei fonts-noto-cjk poppler-utils)

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Another `cargo install` of the same tool (e.g. started by hand on a shared machine) would race ours.
wait_for_cargo_install() {
  local what=$1 waited=0
  while pgrep -f "cargo install $what" >/dev/null 2>&1; do
    [ $waited -eq 0 ] && log "waiting for a running 'cargo install $what' to finish"
    sleep 10
    waited=$((waited + 10))
    [ $waited -ge 1800 ] && { log "gave up waiting after ${waited}s"; break; }
  done
  return 0
}

# ---- Rust target ----------------------------------------------------------------------------
command -v cargo >/dev/null || { log "cargo not found (rustup is expected on this machine)"; exit 1; }
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "ok: rust target wasm32-unknown-unknown"
else
  log "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# ---- Debian packages ------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "ok: apt packages ${APT_PACKAGES[*]}"
else
  log "apt-get install ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

# ---- Node (for the browser tests) -----------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "node/npm missing: apt-get install nodejs npm"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  log "warning: node $(node --version) is older than 20; playwright-core and node --test options need >= 20"
fi
log "ok: node $(node --version), npm $(npm --version)"

# ---- trunk ----------------------------------------------------------------------------------
have_trunk() { command -v trunk >/dev/null && trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; }
if ! have_trunk; then wait_for_cargo_install trunk; fi
if have_trunk; then
  log "ok: $(trunk --version)"
else
  log "cargo install trunk --version $TRUNK_VERSION --locked (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# ---- wasm-bindgen-cli = the wasm-bindgen in Cargo.lock ----------------------------------------
[ -f Cargo.lock ] || { log "Cargo.lock missing: cargo generate-lockfile"; cargo generate-lockfile; }
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || { log "no wasm-bindgen package in Cargo.lock"; exit 1; }
have_wbg() { command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WBG_VERSION" ]; }
if ! have_wbg; then wait_for_cargo_install wasm-bindgen-cli; fi
if have_wbg; then
  log "ok: $(wasm-bindgen --version) (Cargo.lock wants $WBG_VERSION)"
else
  log "cargo install wasm-bindgen-cli --version =$WBG_VERSION (was: $(wasm-bindgen --version 2>/dev/null || echo none))"
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION" --force
fi

# ---- playwright-core for tests/e2e ----------------------------------------------------------
E2E=tests/e2e
lock_hash=$(sha256sum "$E2E/package-lock.json" "$E2E/package.json" | sha256sum | cut -d' ' -f1)
stamp="$E2E/node_modules/.setup-lock-hash"
if [ -d "$E2E/node_modules/playwright-core" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  log "ok: $E2E/node_modules (playwright-core $(node -p "require('./$E2E/node_modules/playwright-core/package.json').version"))"
else
  log "npm ci in $E2E (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1; the browser is Debian's chromium)"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$stamp"
fi

# ---- Binaryen's wasm-opt for the release build (scripts/wasm-opt.sh) -------------------------
# From npm, not Debian: Debian's wasm-opt 108 breaks wasm-bindgen's externref table at load.
WO=tools/wasm-opt
wo_hash=$(sha256sum "$WO/package-lock.json" "$WO/package.json" | sha256sum | cut -d' ' -f1)
wo_stamp="$WO/node_modules/.setup-lock-hash"
if [ -x "$WO/node_modules/.bin/wasm-opt" ] && [ -f "$wo_stamp" ] && [ "$(cat "$wo_stamp")" = "$wo_hash" ]; then
  log "ok: $WO ($("$WO/node_modules/.bin/wasm-opt" --version))"
else
  log "npm ci in $WO (binaryen)"
  (cd "$WO" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$wo_hash" >"$wo_stamp"
fi

# ---- crates ---------------------------------------------------------------------------------
log "cargo fetch"
cargo fetch --quiet

log "done"
