#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing:
#   radon        the reference for Python cyclomatic complexity (test/eval)
#   chromium, libkrb5-dev   only with --e2e (test/e2e/install.sh installs them too)
# Runs apt only when something is missing; needs root (or passwordless sudo).
set -euo pipefail
want=(radon)
[[ "${1:-}" == "--e2e" ]] && want+=(chromium libkrb5-dev)
missing=()
for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo -n"
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
