#!/usr/bin/env bash
# Installs what the editor-level tests and `npm run demo` need, on Debian 12 with only the npm
# registry and the Debian mirrors reachable. Idempotent: a second run is a no-op (about a second).
#   - apt: chromium (the browser playwright-core drives), ripgrep (stand-in for the rg binary VS Code
#          would download from GitHub), libkrb5-dev (headers for code-server's native "kerberos"
#          module) and build tools when missing; always with --no-install-recommends
#   - npm: code-server (VS Code's server and web workbench) into the git-ignored .vscode-test/code-server,
#          deliberately not a devDependency: its postinstall needs root flags, env and apt headers
# Env: CODE_SERVER_VERSION (default 4.100.3 = VS Code 1.100.3, the last release that runs on Node 20),
#      CODE_SERVER_DIR (default <repo>/.vscode-test/code-server), E2E_SKIP_APT=1 to skip the apt step.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"

log() { printf '[install-code-server] %s\n' "$*"; }

# ---- 1. Debian packages --------------------------------------------------------------------------
install_apt_packages() {
  local need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v rg >/dev/null 2>&1 || need+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
  { command -v make && command -v g++ && command -v python3; } >/dev/null 2>&1 || need+=(build-essential python3)
  ((${#need[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "apt-get install ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  log "apt done after ${SECONDS}s"
}
[ "${E2E_SKIP_APT:-}" = 1 ] || install_apt_packages

# ---- 2. already installed? -----------------------------------------------------------------------
# --config and XDG_DATA_HOME: otherwise even `--version` writes ~/.config/code-server/config.yaml
# and ~/.local/share/code-server/coder-logs/.
cs_version() {
  XDG_DATA_HOME="$DEST/.xdg-data" node "$ENTRY" --version --config "$DEST/cs-config.yaml" 2>/dev/null |
    grep -m1 -o '^[0-9][0-9.]*'
}
if [ -f "$ENTRY" ] && [ "$(cs_version || true)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST"
  exit 0
fi

NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != 20 ] && [ "$CODE_SERVER_VERSION" = 4.100.3 ]; then
  log "code-server 4.100.3 needs Node 20 (this is Node $NODE_MAJOR); set CODE_SERVER_VERSION to a release built for it"
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$DEST"
mkdir -p "$DEST"
log "installing code-server $CODE_SERVER_VERSION into $DEST (Node $(node --version))"
cat >"$DEST/package.json" <<JSON
{ "name": "code-server-for-e2e", "private": true, "dependencies": { "code-server": "$CODE_SERVER_VERSION" } }
JSON

# ---- 3. ripgrep ----------------------------------------------------------------------------------
# code-server's postinstall runs `npm install` in lib/vscode, where @vscode/ripgrep's postinstall
# downloads rg from GitHub (unreachable here) unless it finds
# $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<rgver>-<target>.tar.gz. Seed that cache with
# Debian's rg. Both versions are read from the published tarballs (npm caches them).
seed_ripgrep_cache() {
  (cd "$work" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null &&
    tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json)
  local pkg_version rg_version cache asset
  pkg_version="$(node -e 'const p=require(process.argv[1]).packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")' \
    "$work/package/lib/vscode/npm-shrinkwrap.json")"
  [ -n "$pkg_version" ] || return 0 # newer releases use @vscode/ripgrep-universal: no download
  (cd "$work" && npm pack --silent "@vscode/ripgrep@$pkg_version" >/dev/null &&
    tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js)
  rg_version="$(grep -o "^const VERSION = '[^']*'" "$work/package/lib/postinstall.js" | cut -d"'" -f2)"
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$pkg_version"
  asset="$cache/ripgrep-$rg_version-x86_64-unknown-linux-musl.tar.gz"
  mkdir -p "$cache" "$work/rg"
  cp "$(command -v rg)" "$work/rg/rg"
  tar czf "$asset" -C "$work/rg" rg
  log "seeded $asset with $(rg --version | head -1)"
}
seed_ripgrep_cache

# ---- 4. npm install ------------------------------------------------------------------------------
# npm_config_yes=true  : node-pty's postinstall runs `npx node-gyp …`; an ~/.npmrc with yes=false
#                        would make npx refuse to fetch node-gyp.
# npm_config_nodedir   : node-gyp compiles against the installed Node headers instead of
#                        downloading them (nodejs.org is unreachable).
# --unsafe-perm        : code-server's postinstall refuses to run as root without it.
# --foreground-scripts : the native build output goes to install.log.
[ -d /usr/include/node ] && export npm_config_nodedir=/usr
(cd "$DEST" && npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm --foreground-scripts \
  >"$DEST/install.log" 2>&1) || {
  tail -60 "$DEST/install.log"
  log "npm install failed, see $DEST/install.log"
  exit 1
}
if [ "$(cs_version || true)" != "$CODE_SERVER_VERSION" ]; then
  tail -30 "$DEST/install.log"
  log "code-server does not start after the install, see $DEST/install.log"
  exit 1
fi
log "installed code-server $CODE_SERVER_VERSION: $(du -sh "$DEST" | cut -f1) in $DEST after ${SECONDS}s"
