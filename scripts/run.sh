#!/usr/bin/env bash
# Runs MABOS Planner, installing what it needs first. Until the desktop app lands this
# is the headless CLI: it loads the demo workspace into a fresh database and exports it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

cargo build --locked --release --quiet --bin mabos-planner-cli
cli=target/release/mabos-planner-cli
db="${MABOS_PLANNER_DB:-$PWD/target/demo/planner.db}"
rm -f "$db" "$db-wal" "$db-shm"
mkdir -p "$(dirname "$db")"
"$cli" --db "$db" demo
"$cli" --db "$db" goals
"$cli" --db "$db" check
"$cli" --db "$db" export workspace -o "$(dirname "$db")/workspace.json"
"$cli" --db "$db" export plan P-STORE -o "$(dirname "$db")/P-STORE.json"
echo "database: $db"
echo "exports:  $(dirname "$db")/workspace.json, $(dirname "$db")/P-STORE.json"
