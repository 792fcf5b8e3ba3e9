#!/usr/bin/env bash
# Installs what building and testing MABOS Planner needs on Debian: idempotent, and
# quiet when everything is already there. Runs apt as root (or through sudo).
set -euo pipefail

# libclang: rusqlite's session extension (undo/redo) generates its bindings at build time.
APT_PACKAGES=(build-essential pkg-config libclang-dev clang)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null 2>&1 || { echo "error: cargo not found; install Rust with rustup first" >&2; exit 1; }
