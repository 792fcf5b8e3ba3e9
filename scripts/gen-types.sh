#!/usr/bin/env bash
# Regenerates ui/src/generated/ — the TypeScript types of everything that crosses the
# app's IPC — from the Rust types (ts-rs, behind the `ts` feature of the core and the app),
# and commands.ts, the names of the registered commands, from the one list in
# src-tauri/src/commands/mod.rs (so that a renamed command fails ui's type check).
# .cargo/config.toml points ts-rs at ui/src/generated and maps i64 to number.
# With --check, fails when the committed files differ from what the Rust side gives.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

out=ui/src/generated
# Compiling the app needs a front end to embed; any build of it will do here.
[ -f ui/dist/index.html ] || (cd ui && npx --no-install vite build --logLevel error)
rm -rf "$out"
mkdir -p "$out"
# The core's domain and store types, then the app's own (CommandError, WorkspaceChanged)
# and the command names (commands.ts).
cargo test --locked --quiet -p mabos-planner --features ts --lib export_bindings >/dev/null
cargo test --locked --quiet -p mabos-planner-app --features ts export_bindings >/dev/null
echo "generated $(ls "$out" | wc -l) files in $out"

if [ "${1:-}" = "--check" ] && [ -n "$(git status --porcelain -- "$out")" ]; then
  git status --short -- "$out"
  echo "error: $out is out of date with the Rust types or commands: run scripts/gen-types.sh and commit" >&2
  exit 1
fi
