#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): setup, native Rust tests, the release wasm build,
# test fixtures, then the browser tests against dist/ in headless Chromium.
#
#   ./scripts/test.sh
#
# Exits non-zero if any step fails. Steps after a failed Rust test still run (so one CI run reports
# everything); the browser tests are skipped only when dist/ could not be built.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_PROGRESS_WHEN=never

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

step setup bash scripts/setup.sh || exit 1

# Native tests: library, binaries, integration tests and examples (the fixture generators' own unit
# tests run through examples/make_fixtures.rs). Benches are left out: criterion's harness=false main
# would run the benchmarks.
step cargo-test cargo test --lib --bins --tests --examples || true
step doc-tests cargo test --doc || true

# The site, exactly as deployed.
if step trunk-build trunk build --release; then
  rm -rf tests/e2e/.fixtures
  step fixtures cargo run --quiet --example make_fixtures -- tests/e2e/.fixtures || true
  if [ -f tests/e2e/.fixtures/manifest.json ]; then
    rm -rf tests/e2e/.out
    # One process per test file, one file at a time (each starts its own Chromium); TAP output ends
    # with node's "# pass N" / "# fail N" summary.
    conc=()
    node --help 2>/dev/null | grep -q -- '--test-concurrency' && conc=(--test-concurrency=1)
    (cd tests/e2e && step e2e node --test --test-reporter=tap "${conc[@]}" ./*.test.mjs) || failed+=(e2e)
  fi
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf '[test] FAILED steps: %s\n' "${failed[*]}" >&2
  exit 1
fi
