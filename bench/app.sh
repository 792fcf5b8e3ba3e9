#!/usr/bin/env bash
# The desktop app's performance figures (docs/performance.md, "App start, IPC and
# memory"): builds the UI and the release app and CLI, then drives the real window
# through tauri-driver under Xvfb. Five launches on a prefilled 10,000-goal database;
# the last one also times 500 small commands from the page and reads /proc for memory.
# Then the same round trips while a 30 s synthesis (A* on gripper-20) runs in the window,
# and while the example agents report through the window's own broker bridge. Then the
# plan canvas with big plans: a 1,000-step plan from request to first frame (three
# launches), and the frame rate while a 5,000-step plan is dragged for 5 s, zoomed out
# and zoomed in (e2e/tests/perf/plan_canvas.rs).
#
#   bash bench/app.sh                                  # every measurement
#   bash bench/app.sh round_trips_during_a_synthesis   # one of them, by name
#   bash bench/app.sh plan_canvas                      # the big-plan canvas only
#
# A measurement, not a test: the one e2e test it runs is #[ignore]d in the normal run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
target="$CARGO_TARGET_DIR"

echo "== bench: build the UI" >&2
(cd ui && npm run --silent build >/dev/null)
echo "== bench: build the app and the CLI (release)" >&2
cargo build --locked --quiet --release -p mabos-planner-app --features custom-protocol
cargo build --locked --quiet --release --bin mabos-planner-cli
cargo build --locked --quiet --release -p mabos-planner-bridge --bin mabos-planner-agents

export MABOS_PLANNER_APP="$target/release/mabos-planner"
export MABOS_PLANNER_CLI="$target/release/mabos-planner-cli"
export MABOS_PLANNER_AGENTS="$target/release/mabos-planner-agents"
echo "== bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked --manifest-path e2e/Cargo.toml --test perf -- --ignored --nocapture --test-threads=1 "$@"
