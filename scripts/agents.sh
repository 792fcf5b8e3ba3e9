#!/usr/bin/env bash
# Watch a plan run itself (docs/bridge.md): builds the bridge and the example agents,
# starts a nats-server with JetStream unless one answers at $MABOS_PLANNER_NATS, then
# runs the bridge and the agents on the database until Ctrl+C, which stops them all.
#
#   bash scripts/agents.sh [--db PATH] [--release] [--no-build] [AGENT OPTIONS...]
#
#   --db PATH      the database [default: $MABOS_PLANNER_DB, else the per-user one the app uses]
#   --release      build and run optimised binaries
#   --no-build     run the binaries built before (by cargo test, say)
#   AGENT OPTIONS  go to mabos-planner-agents: --delay-ms MIN..MAX (500..2000),
#                  --fail-rate RATE (0.1), --seed N, --agents AG-1,AG-2, -v
#
# The NATS server started here listens on 127.0.0.1 at the port of $MABOS_PLANNER_NATS
# (4222 by default) and keeps its streams in $XDG_STATE_HOME/org.mabos.planner/nats, so
# that offers already made are still there next time. Logs of the bridge and of that
# server go to $XDG_STATE_HOME/org.mabos.planner/; the agents log to this terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  . "$HOME/.cargo/env"
fi

db=""
profile=debug
build=yes
agent_args=()
while (($#)); do
  case "$1" in
    --db) db="${2:?--db needs a path}"; shift 2 ;;
    --db=*) db="${1#--db=}"; shift ;;
    --release) profile=release; shift ;;
    --no-build) build=no; shift ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) agent_args+=("$1"); shift ;;
  esac
done

nats_url="${MABOS_PLANNER_NATS:-nats://127.0.0.1:4222}"
export MABOS_PLANNER_NATS="$nats_url"
hostport="${nats_url#*://}"
hostport="${hostport##*@}"
hostport="${hostport%%/*}"
if [[ "$hostport" == *:* ]]; then host="${hostport%:*}" port="${hostport##*:}"; else host="$hostport" port=4222; fi
state="${XDG_STATE_HOME:-$HOME/.local/state}/org.mabos.planner"
# The path the binaries take when no --db is given (mabos_planner::paths::default_database_path).
db_path="${db:-${MABOS_PLANNER_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/org.mabos.planner/planner.db}}"
db_args=()
[ -n "$db" ] && db_args=(--db "$db")

if [ "$build" = yes ]; then
  echo "== building the bridge and the agents ($profile)"
  cargo_build=(cargo build --locked --quiet -p mabos-planner-bridge --bins)
  [ "$profile" = release ] && cargo_build+=(--release)
  "${cargo_build[@]}"
fi
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
bin="${target:-target}/$profile"

answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

# Started here, in this order; stopped in the reverse order (the agents hand their
# offers back to the server before it goes).
pids=()
names=()
stop_all() {
  trap - INT TERM HUP EXIT
  local stopped=()
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || continue
    wait "${pids[i]}" 2>/dev/null || true
    stopped+=("${names[i]}")
  done
  echo "== stopped: ${stopped[*]:-nothing}"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# setsid: Ctrl+C reaches this script only, which stops the others in order.
start() {
  local name="$1"
  shift
  setsid "$@" &
  pids+=($!)
  names+=("$name")
}

mkdir -p "$state"
if answers; then
  echo "== NATS: using the server at $nats_url"
else
  case "$host" in
    127.0.0.1 | localhost | '[::1]') ;;
    *) echo "error: nothing answers at $nats_url, and it is not this machine" >&2; exit 1 ;;
  esac
  if ! command -v nats-server >/dev/null 2>&1; then
    echo "error: nats-server is not installed (apt-get install nats-server, or bash scripts/install-deps.sh)" >&2
    exit 1
  fi
  mkdir -p "$state/nats"
  echo "== NATS: starting nats-server -js on 127.0.0.1:$port (store $state/nats, log $state/nats.log)"
  start nats-server nats-server -js -a 127.0.0.1 -p "$port" -sd "$state/nats" -l "$state/nats.log"
  for _ in $(seq 100); do answers && break; sleep 0.1; done
  answers || { echo "error: nats-server did not start; see $state/nats.log" >&2; exit 1; }
fi

echo "== bridge: $db_path <-> $nats_url (log $state/bridge.log)"
start bridge "$bin/mabos-planner-bridge" ${db_args[@]+"${db_args[@]}"} -v 2>>"$state/bridge.log"
# The bridge makes the database when there is none; the agents only read it.
for _ in $(seq 100); do [ -e "$db_path" ] && break; sleep 0.1; done

# --agents names the agents instead of the database.
fleet_db=(${db_args[@]+"${db_args[@]}"})
for arg in ${agent_args[@]+"${agent_args[@]}"}; do [[ "$arg" == --agents* ]] && fleet_db=(); done
echo "== agents: each takes the work offered to it (Ctrl+C stops everything)"
start agents "$bin/mabos-planner-agents" ${fleet_db[@]+"${fleet_db[@]}"} -v ${agent_args[@]+"${agent_args[@]}"}

# Until Ctrl+C, or until one of them stops on its own.
status=0
wait -n || status=$?
echo "== a process stopped (status $status)" >&2
exit "$status"
