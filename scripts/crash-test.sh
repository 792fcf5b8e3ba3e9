#!/usr/bin/env bash
# Crash test of the import: kills `mabos-planner-cli import` with SIGKILL at random
# moments while it writes a large workspace file, then checks that the database holds
# either nothing or the whole file (an import is one transaction), that `check` finds
# nothing wrong and that SQLite's `PRAGMA integrity_check` answers ok.
#
#   bash scripts/crash-test.sh [RUNS] [GOALS]
#
# RUNS defaults to 25 kills, GOALS (the size of the generated file) to 20,000 goals,
# each with a task. Uses the debug CLI of $CARGO_TARGET_DIR (built if needed),
# python3 for the file and the counts. Exits 1 at the first broken promise.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
runs=${1:-25}
goals=${2:-20000}
target=${CARGO_TARGET_DIR:-target}
cargo build --quiet -p mabos-planner --bin mabos-planner-cli
cli="$target/debug/mabos-planner-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A workspace of GOALS goals in trees of 20, each goal with a condition and a task.
python3 - "$goals" "$work/big.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
goals, tasks = [], []
for i in range(n):
    root = i - i % 20
    goals.append({"key": f"G-{i}", "title": f"Goal {i}", "status": "active", "priority": 1 + i % 10,
                  "kind": "hard", "mode": "achieve", "refinement": "and",
                  "parent": None if i == root else f"G-{root + (i - root) // 2}",
                  "preconditions": [{"key": f"stock.item{i % 97}", "op": "ge", "value": i % 50}]})
    tasks.append({"key": f"T-{i}", "title": f"Task {i}", "status": "todo", "priority": 5, "effort": 1.5,
                  "goal": f"G-{i}", "created_at": "2026-01-01T00:00:00Z",
                  "depends_on": [f"T-{i - 1}"] if i % 20 else []})
doc = {"format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-01-01T00:00:00Z",
       "generator": "crash-test", "capabilities": [], "agents": [], "goals": goals, "actions": [],
       "plans": [], "tasks": tasks}
json.dump(doc, open(out, "w"))
PY
echo "== generated $(du -h "$work/big.json" | cut -f1) workspace file: $goals goals, $goals tasks"

counts() {
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0],
      c.execute("SELECT count(*) FROM goals").fetchone()[0],
      c.execute("SELECT count(*) FROM tasks").fetchone()[0],
      c.execute("SELECT count(*) FROM events").fetchone()[0])
PY
}

# How long a whole import takes, to spread the kills over it.
db="$work/timing.db"
"$cli" --db "$db" init >/dev/null
start=$(date +%s%N)
"$cli" --db "$db" import "$work/big.json" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "== a full import takes ${full_ms} ms; killing at random moments in 0..$((full_ms * 11 / 10)) ms"

empty=0 full=0
for run in $(seq 1 "$runs"); do
    db="$work/run-$run.db"
    "$cli" --db "$db" init >/dev/null
    delay=$(( RANDOM * 32768 + RANDOM ))
    delay=$(( delay % (full_ms * 11 / 10 + 1) ))
    "$cli" --db "$db" import "$work/big.json" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # The first open after the crash recovers the file; `check` must find it clean.
    if ! report=$("$cli" --db "$db" check 2>&1); then
        echo "run $run (killed at ${delay} ms): check failed:" >&2
        echo "$report" >&2
        exit 1
    fi
    read -r verdict goal_rows task_rows events <<<"$(counts "$db")"
    if [ "$verdict" != ok ]; then
        echo "run $run: PRAGMA integrity_check: $verdict" >&2
        exit 1
    fi
    if [ "$goal_rows:$task_rows" = "0:0" ] && [ "$events" = 0 ]; then
        state=empty; empty=$((empty + 1))
        # Nothing half-written stands in the way of importing again.
        "$cli" --db "$db" import "$work/big.json" >/dev/null
        read -r verdict goal_rows task_rows events <<<"$(counts "$db")"
        [ "$goal_rows:$task_rows" = "$goals:$goals" ] || { echo "run $run: re-import gave $goal_rows goals" >&2; exit 1; }
    elif [ "$goal_rows:$task_rows" = "$goals:$goals" ]; then
        state=full; full=$((full + 1))
    else
        echo "run $run (killed at ${delay} ms): half an import: $goal_rows goals, $task_rows tasks" >&2
        exit 1
    fi
    echo "run $run: killed at ${delay} ms: $state, check clean, integrity ok"
    rm -f "$db" "$db-wal" "$db-shm"
done
echo "== $runs kills: $empty left the database empty, $full after the import committed; none half-written"
