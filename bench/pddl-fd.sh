#!/usr/bin/env bash
# PDDL export checked by the planning community's tools. For each sample problem in
# tests/data/pddl/ (and a larger generated blocks world): import it into a fresh database,
# find the optimal plan with `synth --save`, export the goal (`export-pddl`) and the plan
# (`export-pddl-plan`), then
#   - Fast Downward (A* with LM-cut, optimal) solves the exported problem: its plan cost
#     must equal synth's;
#   - unified-planning's plan validator replays our exported plan file on the exported
#     domain and problem: it must be valid.
# Not part of CI: it needs Python and downloads up-fast-downward and unified-planning from PyPI into a venv
# beside the build (override with FD_VENV). Usage: bash bench/pddl-fd.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
target=${CARGO_TARGET_DIR:-target}
venv=${FD_VENV:-$target/fd-venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
for package in up_fast_downward unified_planning; do
  "$venv/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$package') is None)" \
    || "$venv/bin/pip" install -q "${package//_/-}"
done
# The package's folder without importing it (importing it loads all of unified-planning).
fd=$("$venv/bin/python" -c 'import importlib.util; print(importlib.util.find_spec("up_fast_downward").submodule_search_locations[0])')/downward
chmod +x "$fd"/builds/release/bin/* 2>/dev/null || true

cargo build -q -p mabos-planner --bin mabos-planner-cli
cli="$target/debug/mabos-planner-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A larger blocks world: a tower of eight, reversed.
blocks=(a b c d e f g h)
{
  echo "(define (problem blocks-8) (:domain blocks) (:objects ${blocks[*]})"
  echo "  (:init (handempty) (ontable a) (clear h)"
  for i in $(seq 1 7); do echo "    (on ${blocks[$i]} ${blocks[$((i - 1))]})"; done
  echo "  ) (:goal (and"
  for i in $(seq 0 6); do echo "    (on ${blocks[$i]} ${blocks[$((i + 1))]})"; done
  echo ")))"
} > "$work/blocks-8.pddl"

check() { # name domain problem goal
  local name=$1 domain=$2 problem=$3 goal=$4 db="$work/$1.db"
  "$cli" --db "$db" import-pddl "$domain" "$problem" > /dev/null
  local synth_json ours cost nodes ms plan
  synth_json=$("$cli" --db "$db" synth "$goal" --save --json --max-nodes 2000000 --time-limit-ms 600000)
  ours=$(echo "$synth_json" | "$venv/bin/python" -c 'import json, sys; r = json.load(sys.stdin); print(int(r["outcome"]["plan"]["cost"]), r["nodes_expanded"], "%.1f" % r["elapsed_ms"], r["saved"])')
  read -r cost nodes ms plan <<< "$ours"
  "$cli" --db "$db" export-pddl "$goal" --domain "$work/$name-d.pddl" --problem "$work/$name-p.pddl"
  "$cli" --db "$db" export-pddl-plan "$plan" -o "$work/$name-plan.txt"
  local fd_out fd_cost fd_expanded fd_time
  fd_out=$(cd "$work" && "$venv/bin/python" "$fd/fast-downward.py" --plan-file "$name-fd.plan" "$name-d.pddl" "$name-p.pddl" --search "astar(lmcut())")
  fd_cost=$(echo "$fd_out" | sed -n 's/.*Plan cost: \([0-9]*\).*/\1/p' | tail -1)
  fd_expanded=$(echo "$fd_out" | sed -n 's/.*Expanded \([0-9]*\) state(s).*/\1/p' | tail -1)
  fd_time=$(echo "$fd_out" | sed -n 's/.*Search time: \([0-9.]*s\).*/\1/p' | tail -1)
  local valid
  valid=$("$venv/bin/python" - "$work/$name-d.pddl" "$work/$name-p.pddl" "$work/$name-plan.txt" <<'PY'
import sys
from unified_planning.io import PDDLReader
from unified_planning.shortcuts import PlanValidator, get_environment
get_environment().credits_stream = None
reader = PDDLReader()
problem = reader.parse_problem(sys.argv[1], sys.argv[2])
plan = reader.parse_plan(problem, sys.argv[3])
with PlanValidator(problem_kind=problem.kind) as validator:
    print(validator.validate(problem, plan).status.name)
PY
)
  printf '%-12s synth cost %-3s (%s nodes expanded, %s ms)  Fast Downward cost %-3s (%s expanded, search %s)  our plan file: %s\n' \
    "$name" "$cost" "$nodes" "$ms" "$fd_cost" "$fd_expanded" "$fd_time" "$valid"
  [ "$cost" = "$fd_cost" ] || { echo "error: $name: synth found cost $cost, Fast Downward $fd_cost" >&2; exit 1; }
  [ "$valid" = "VALID" ] || { echo "error: $name: the exported plan is not valid: $valid" >&2; exit 1; }
}

check blocks-4 tests/data/pddl/blocks-domain.pddl tests/data/pddl/blocks-problem.pddl blocks-4
check gripper-4 tests/data/pddl/gripper-domain.pddl tests/data/pddl/gripper-problem.pddl gripper-4
check delivery-2 tests/data/pddl/delivery-domain.pddl tests/data/pddl/delivery-problem.pddl delivery-2
check blocks-8 tests/data/pddl/blocks-domain.pddl "$work/blocks-8.pddl" blocks-8
echo "all exported problems solved by Fast Downward at synth's optimal cost; every exported plan valid"
