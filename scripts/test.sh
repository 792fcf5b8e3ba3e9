#!/usr/bin/env bash
# Runs every test of MABOS Planner, installing what they need first: the core and its
# lints, the NATS bridge against a real broker, the UI's unit tests, the app's Rust unit
# tests and lints, then the app end to end under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# A one-shot build gains nothing from incremental caches, which take gigabytes of disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

echo "== core: unit, integration and property tests"
# By package: the core builds and tests without WebKit or GTK.
cargo test --locked -p mabos-planner

echo "== core: clippy"
cargo clippy --locked -p mabos-planner --all-targets -- -D warnings

echo "== bridge: against a real nats-server (docs/bridge.md), and clippy"
cargo test --locked -p mabos-planner-bridge
cargo clippy --locked -p mabos-planner-bridge --all-targets -- -D warnings

echo "== agents: scripts/agents.sh starts a broker, the bridge and the example agents, and stops them in order"
smoke="$(mktemp -d)"
# A port nothing listens on.
for port in $(shuf -i 20000-60000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break; done
MABOS_PLANNER_NATS="nats://127.0.0.1:$port" XDG_STATE_HOME="$smoke" bash scripts/agents.sh --no-build --db "$smoke/planner.db" >"$smoke/out" 2>&1 &
for _ in $(seq 300); do grep -q "fleet starting" "$smoke/out" && break; sleep 0.1; done
# SIGTERM: a script started in the background ignores SIGINT (Ctrl+C at a terminal works).
kill -TERM $! && { wait $! || true; }
grep -q "== stopped: agents bridge nats-server" "$smoke/out" || { cat "$smoke/out"; exit 1; }
rm -rf "$smoke"

echo "== crash-test smoke: 3 kills during an import (scripts/crash-test.sh runs 25)"
bash scripts/crash-test.sh 3 2000 | tail -n 1

echo "== benchmarks compile (run them with: cargo bench)"
cargo bench --locked -p mabos-planner --no-run --quiet 2>&1 | grep -v '^ *Executable' || true

echo "== ui: type check, unit tests, build (the app embeds ui/dist)"
(cd ui && npx --no-install tsc --noEmit && npm test --silent && npm run --silent build >/dev/null)

echo "== app: IPC types and command names are current, command error mapping, change notices"
bash scripts/gen-types.sh --check
cargo test --locked -p mabos-planner-app --features ts

echo "== app: clippy"
cargo clippy --locked -p mabos-planner-app --all-targets --features ts -- -D warnings

echo "== app end to end"
bash scripts/e2e.sh
