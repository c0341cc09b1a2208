#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: each step is skipped when its tool
# is already there at the right version. Reaches only crates.io, the npm registry and Debian apt.
#
#   ./scripts/setup.sh         everything
#   ./scripts/setup.sh rust    only the Rust components and target (seconds; scripts/test.sh starts
#                              the native build after it while the rest installs)
#
# - rustup: components clippy and rustfmt, target wasm32-unknown-unknown
# - apt: chromium chromium-driver fonts-wqy-microhei fonts-noto-cjk poppler-utils
#   (apt-get update + install only when one of them is missing)
# - trunk 0.21.14 (cargo install --locked)
# - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install --locked; when
#   its published lock file no longer resolves, e.g. a dependency it pins was yanked, without)
# - tests/e2e and tools/wasm-opt: npm ci (playwright-core, never a browser download; binaryen, terser) when
#   node_modules is missing or package-lock.json changed
# - cargo fetch (so later builds can run offline)
#
# The network-bound half (apt, npm) runs in the background while the CPU-bound half (cargo install)
# compiles. Each install runs under `flock` on one lock file, so two setups started at once (CI and a
# person, or two test runs) take turns: the second finds the tool installed and skips it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei fonts-noto-cjk poppler-utils)
LOCK_FILE="${CARGO_HOME:-$HOME/.cargo}/.zhongzhao-precheck-setup.lock"

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs "$@" holding the setup lock (waits up to 30 min for another setup to let go of it).
locked() {
  mkdir -p "$(dirname "$LOCK_FILE")"
  (
    flock -w 1800 9 || { log "gave up waiting for $LOCK_FILE after 30 min"; exit 1; }
    "$@"
  ) 9>"$LOCK_FILE"
}

# ---- Rust components and target ----------------------------------------------------------
command -v cargo >/dev/null || { log "cargo not found (rustup is expected on this machine)"; exit 1; }
installed_components=$(rustup component list --installed 2>/dev/null || true)
for c in clippy rustfmt; do
  if grep -q "^$c" <<<"$installed_components"; then
    log "ok: rust component $c"
  else
    log "installing rust component $c"
    rustup component add "$c"
  fi
done
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "ok: rust target wasm32-unknown-unknown"
else
  log "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "${1:-}" = rust ]; then
  log "done (rust only)"
  exit 0
fi

# ---- Network-bound half, in the background: Debian packages, Node, npm -------------------------
apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "node/npm missing"
    missing+=(nodejs npm)
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    log "ok: apt packages ${APT_PACKAGES[*]}"
  else
    log "apt-get install ${missing[*]}"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
  fi
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 20 ]; then
    log "warning: node $(node --version) is older than 20; playwright-core and node --test options need >= 20"
  fi
  log "ok: node $(node --version), npm $(npm --version)"
}

# npm ci in $1 unless its node_modules was installed from the same package(-lock).json ($2: what it is).
npm_ci() {
  local dir=$1 what=$2 hash stamp
  hash=$(sha256sum "$dir/package-lock.json" "$dir/package.json" | sha256sum | cut -d' ' -f1)
  stamp="$dir/node_modules/.setup-lock-hash"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    log "ok: $dir ($what)"
  else
    log "npm ci in $dir ($what)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" >"$stamp"
  fi
}

network_half() {
  local t0=$SECONDS
  apt_packages
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: the browser is Debian's chromium.
  npm_ci tests/e2e "playwright-core"
  # Binaryen's wasm-opt for the release build (scripts/wasm-opt.sh), from npm, not Debian: Debian's
  # wasm-opt 108 breaks wasm-bindgen's externref table at load.
  npm_ci tools/wasm-opt "binaryen, terser"
  [ -x tools/wasm-opt/node_modules/.bin/wasm-opt ] || { log "tools/wasm-opt has no wasm-opt"; return 1; }
  [ -f tools/wasm-opt/node_modules/terser/bin/terser ] || { log "tools/wasm-opt has no terser"; return 1; }
  log "ok: $(tools/wasm-opt/node_modules/.bin/wasm-opt --version)"
  log "apt and npm part took $((SECONDS - t0))s"
}

background_log=$(mktemp)
network_half >"$background_log" 2>&1 &
background_pid=$!
# Whatever happens below, apt is never left half-way: an early exit still waits for it.
trap 'wait "$background_pid" 2>/dev/null; cat "$background_log" 2>/dev/null; rm -f "$background_log"' EXIT

# ---- CPU-bound half: trunk and wasm-bindgen-cli ----------------------------------------------
have_trunk() { command -v trunk >/dev/null && trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; }
install_trunk() {
  if have_trunk; then
    log "ok: $(trunk --version)"
  else
    log "cargo install trunk --version $TRUNK_VERSION --locked (about 10 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}
locked install_trunk

[ -f Cargo.lock ] || { log "Cargo.lock missing: cargo generate-lockfile"; cargo generate-lockfile; }
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || { log "no wasm-bindgen package in Cargo.lock"; exit 1; }
have_wbg() { command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WBG_VERSION" ]; }
install_wbg() {
  if have_wbg; then
    log "ok: $(wasm-bindgen --version) (Cargo.lock wants $WBG_VERSION)"
    return 0
  fi
  log "cargo install wasm-bindgen-cli --version =$WBG_VERSION --locked (was: $(wasm-bindgen --version 2>/dev/null || echo none))"
  # 0.2.130's published lock file pins webpki-roots 1.0.11, since yanked: --locked then fails while
  # resolving, in a second, and the install goes on with the newest compatible dependencies.
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION" --force --locked || {
    log "--locked failed; cargo install wasm-bindgen-cli --version =$WBG_VERSION without it"
    cargo install wasm-bindgen-cli --version "=$WBG_VERSION" --force
  }
}
locked install_wbg

# ---- crates ---------------------------------------------------------------------------------
log "cargo fetch"
cargo fetch --quiet

# ---- wait for the background half -----------------------------------------------------------
rc=0
wait "$background_pid" || rc=$?
trap - EXIT
cat "$background_log"
rm -f "$background_log"
if [ $rc -ne 0 ]; then
  log "apt/npm part failed (exit $rc)"
  exit $rc
fi
log "done"
