#!/usr/bin/env bash
# End-to-end tests of the desktop app: builds the UI and the app (debug, serving
# ui/dist through the custom protocol), then drives the real window through
# tauri-driver and WebKitWebDriver in a virtual X display. Screenshots land in
# docs/screenshots/. Every test file runs; extra arguments go to the test binaries (e.g. a name).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
target="$CARGO_TARGET_DIR"

echo "== e2e: build the UI"
(cd ui && npm run --silent build >/dev/null)

echo "== e2e: build the app (debug, custom-protocol) and the CLI the tests compare with"
cargo build --locked --quiet -p mabos-planner-app --features custom-protocol
# Tests seed their workspace through the CLI before the app starts; the broker test runs
# the example agent fleet against a nats-server of its own.
cargo build --locked --quiet -p mabos-planner --bin mabos-planner-cli
cargo build --locked --quiet -p mabos-planner-bridge --bin mabos-planner-agents

echo "== e2e: drive the app under Xvfb"
export MABOS_PLANNER_APP="$target/debug/mabos-planner"
export MABOS_PLANNER_CLI="$target/debug/mabos-planner-cli"
export MABOS_PLANNER_AGENTS="$target/debug/mabos-planner-agents"
# The e2e crate sits outside the workspace (its own Cargo.lock) so that its
# dependencies never change the app's build. Every test binary runs (app, search, …);
# the performance measurement in tests/perf is #[ignore]d here (bench/app.sh runs it).
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked --manifest-path e2e/Cargo.toml --tests -- --test-threads=1 "$@"
