#!/usr/bin/env bash
# Builds the site in release mode and serves dist/ on http://127.0.0.1:${PORT:-8080}
# (tests/e2e/server.mjs: the headers of deploy/nginx.conf: CSP, caching, .br/.gz). Ctrl-C stops it.
#
#   ./scripts/serve.sh            PORT=9000 ./scripts/serve.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
echo "[serve] trunk build --release"
trunk build --release
echo "[serve] http://127.0.0.1:${PORT:-8080}/"
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
