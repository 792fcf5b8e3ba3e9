#!/usr/bin/env bash
# The bridge's benchmark (docs/performance.md, "Bridge"): builds the bridge and the bench
# program in release, starts a nats-server -js of its own (free port, store in a temporary
# folder), and measures the outbox on a backlog of 100,000 events, the report -> commit ->
# receipt latency at 100 reports/s for 20 s, and 1,000 reports at once from 50 agents.
# Prints the machine, its load and a table. Arguments go to the bench program
# (--only outbox|latency|burst, --events N, --rate N, --seconds N, --agents N, --burst N,
# --extra-tasks N).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  . "$HOME/.cargo/env"
fi
command -v nats-server >/dev/null 2>&1 || { echo "error: nats-server is not installed (bash scripts/install-deps.sh)" >&2; exit 1; }

echo "== building (release)"
cargo build --locked --quiet --release -p mabos-planner-bridge --bin mabos-planner-bridge --example bench_bridge
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
release="${target:-target}/release"

work="$(mktemp -d)"
# A port nothing listens on.
for port in $(shuf -i 20000-60000 -n 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break; done
nats-server -js -a 127.0.0.1 -p "$port" -sd "$work/store" -l "$work/nats.log" &
nats=$!
trap 'kill -TERM $nats 2>/dev/null; wait $nats 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB; nats-server $(nats-server --version | sed 's/.*v//'); load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
TMPDIR="$work" "$release/examples/bench_bridge" --nats "nats://127.0.0.1:$port" --bridge "$release/mabos-planner-bridge" "$@"
echo "== load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
