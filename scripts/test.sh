#!/usr/bin/env bash
# Runs every test of MABOS Planner, installing what they need first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

echo "== core: unit, integration and property tests"
cargo test --locked --workspace

echo "== benchmarks compile (run them with: cargo bench)"
cargo bench --locked --workspace --no-run --quiet 2>&1 | grep -v '^ *Executable' || true
