#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): setup, the lint gates, native Rust tests, the
# release wasm build, test fixtures, then the browser tests against dist/ in headless Chromium.
#
#   ./scripts/test.sh
#
# Exits non-zero if any step fails. Steps after a failed one still run where they can (so one CI run
# reports everything); the browser tests are skipped only when dist/ could not be built.
#
# Gates: `cargo fmt --check`; clippy with -D warnings on every native target (as
# `cargo clippy --all-targets`) and on the wasm32 page and face worker. Clippy does not get builds
# of its own: clippy-driver is the workspace's compiler wrapper (what `cargo clippy` itself sets up)
# in the builds the tests need anyway, the native test build and trunk's release build, so the
# dependencies are compiled once and only this crate is linted. A lint error fails the clippy step;
# the same build then runs again without lints so the tests still report.
#
# Two cores: the tool installs (setup) compile while the native tests build, and the release wasm
# build runs while the native tests run (their serial stretches leave a core free).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_PROGRESS_WHEN=never
t_start=$SECONDS

failed=()
step() {
  local name=$1
  shift
  printf '\n[test] === %s: %s\n' "$name" "$*"
  local t0=$SECONDS
  if "$@"; then
    printf '[test] --- %s ok (%ss)\n' "$name" $((SECONDS - t0))
    return 0
  else
    local rc=$?
    printf '[test] --- %s FAILED (exit %s, %ss)\n' "$name" "$rc" $((SECONDS - t0)) >&2
    failed+=("$name")
    return 1
  fi
}

# `background NAME CMD...` runs `step NAME CMD...` in the background, its output held in a file
# until `join NAME` prints it (so two steps' logs never interleave) and returns the step's status.
declare -A bg_pid bg_log
background() {
  local name=$1
  shift
  bg_log[$name]=$(mktemp)
  (step "$name" "$@") >"${bg_log[$name]}" 2>&1 &
  bg_pid[$name]=$!
}
join() {
  local name=$1 rc=0
  wait "${bg_pid[$name]}" || rc=$?
  cat "${bg_log[$name]}"
  rm -f "${bg_log[$name]}"
  [ $rc -eq 0 ] || failed+=("$name")
  return $rc
}

# Rust components first (seconds): the native build below needs clippy; the rest of setup (apt, npm,
# trunk and wasm-bindgen-cli, minutes) runs beside it.
step setup-rust bash scripts/setup.sh rust || exit 1
background setup bash scripts/setup.sh

step fmt cargo fmt --check || true

# clippy-driver as the workspace wrapper, with -D warnings (cargo clippy's own protocol). Cargo
# fingerprints the wrapper and CLIPPY_ARGS: every command that shares a build keeps the same ones.
CLIPPY=(RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__")
native=(env "${CLIPPY[@]}")
wasm=(env "${CLIPPY[@]}")

# Every native target (lib, bins, tests, examples, benches, in test mode where they have tests):
# built once here, linted as `cargo clippy --all-targets -- -D warnings` would, then only run below.
if ! step clippy-native "${native[@]}" cargo test --all-targets --no-run; then
  native=(env)
  step native-build-without-clippy cargo test --all-targets --no-run || true
fi

# Fixtures for the browser tests (the example was built above; the lib is shared).
rm -rf tests/e2e/.fixtures
step fixtures "${native[@]}" cargo run --quiet --example make_fixtures -- tests/e2e/.fixtures || true

# The site, exactly as deployed, with clippy on the page (zhongzhao-precheck) and the worker
# (face_worker, feature face-models) as trunk builds them for wasm32.
setup_ok=true
join setup || setup_ok=false
if $setup_ok; then
  background clippy-wasm+trunk-build "${wasm[@]}" trunk build --release
fi

# Native tests: library, binaries, integration tests and examples (the fixture generators' own unit
# tests run through examples/make_fixtures.rs). Benches are built above but not run: criterion's
# harness=false main would run the benchmarks.
step cargo-test "${native[@]}" cargo test --no-fail-fast --lib --bins --tests --examples || true
step doc-tests "${native[@]}" cargo test --doc || true

dist_ok=false
if $setup_ok; then
  if join clippy-wasm+trunk-build; then
    dist_ok=true
  else
    # A lint error or a build error: build without lints so the browser tests still run.
    step trunk-build-without-clippy trunk build --release && dist_ok=true
  fi
fi

if $dist_ok && [ -f tests/e2e/.fixtures/manifest.json ]; then
  rm -rf tests/e2e/.out
  # One process per test file, one file at a time (each starts its own Chromium); TAP output ends
  # with node's "# pass N" / "# fail N" summary.
  conc=()
  node --help 2>/dev/null | grep -q -- '--test-concurrency' && conc=(--test-concurrency=1)
  (cd tests/e2e && step e2e node --test --test-reporter=tap "${conc[@]}" ./*.test.mjs) || failed+=(e2e)
fi

printf '\n[test] total %ss\n' $((SECONDS - t_start))
if [ ${#failed[@]} -gt 0 ]; then
  printf '[test] FAILED steps: %s\n' "${failed[*]}" >&2
  exit 1
fi
