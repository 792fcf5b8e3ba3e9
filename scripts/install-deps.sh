#!/usr/bin/env bash
# Installs what building and testing MABOS Planner needs on Debian: idempotent, and
# quiet when everything is already there. Runs apt as root (or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# libclang: rusqlite's session extension (undo/redo) generates its bindings at build time.
# WebKitGTK and friends: the Tauri desktop app. xvfb, xauth and webkit2gtk-driver
# (WebKitWebDriver): the end-to-end tests in a virtual display. file: the .deb bundler.
# nats-server (2.9, with JetStream): the broker the bridge's tests start (docs/bridge.md).
APT_PACKAGES=(
  build-essential pkg-config libclang-dev clang curl file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver nats-server
)

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

# The front end: Node.js 20.19+ and npm come with the machine; packages from package-lock.json.
command -v npm >/dev/null 2>&1 || { echo "error: npm not found; install Node.js 20.19 or newer" >&2; exit 1; }
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "installing the front end's packages (npm ci in ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# tauri-driver: the WebDriver bridge of the end-to-end tests (Tauri 2 line, not 3.x alphas).
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi
