#!/usr/bin/env bash
# Builds the Debian package of the desktop app: target/release/bundle/deb/*.deb.
#
# Why not plain `tauri build`: the Tauri CLI takes the package beside tauri.conf.json
# (the root: the core library, whose default binary is mabos-planner-cli) as the app,
# builds it, then fails renaming mabos-planner-cli to mainBinaryName. So cargo builds the
# app package, and `tauri bundle` (which takes the binary named by mainBinaryName)
# packages it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
target="${CARGO_TARGET_DIR:-$PWD/target}"

(cd ui && npm run --silent build >/dev/null)
cargo build --locked --quiet --release -p mabos-planner-app
# The CLI would take the first package.json it finds as the front end: point it at ui/.
TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri bundle --ci --bundles deb
ls -l "$target"/release/bundle/deb/*.deb
