#!/usr/bin/env bash
# Compares plan synthesis (A* on LM-cut, greedy on h_add) with Fast Downward
# (astar(lmcut()), lazy_greedy([ff()])) on the IPC STRIPS tasks of pyperplan's benchmarks
# folder, and prints markdown tables (cost, expansions, search time; plan length).
#
#   bash bench/synthesis_vs_fd.sh                          # every domain, 20 min budget
#   DOMAINS=blocks,logistics BUDGET=5 bash bench/synthesis_vs_fd.sh
#   TIME_LIMIT=60 MAX_TASKS=10 bash bench/synthesis_vs_fd.sh
#   GROUNDING=pyperplan bash bench/synthesis_vs_fd.sh      # pyperplan grounds instead of FD's translator
#
# Fast Downward comes from the PyPI package `up-fast-downward` and the grounder from
# `pyperplan`, both installed into a virtual environment ($VENV). The IPC tasks are the
# `benchmarks/` folder of the pyperplan repository (not in its PyPI package): set
# BENCHMARKS to a copy of it, or the script clones the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
venv="${VENV:-$CARGO_TARGET_DIR/bench-venv}"
work="${WORK:-$(mktemp -d)}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q up-fast-downward pyperplan >&2

# Find Fast Downward without importing up_fast_downward (which imports unified_planning).
fd_dir="$("$venv/bin/python" -c 'import importlib.util; print(importlib.util.find_spec("up_fast_downward").submodule_search_locations[0])')/downward"
chmod +x "$fd_dir"/builds/release/bin/* 2>/dev/null || true

benchmarks="${BENCHMARKS:-$work/pyperplan/benchmarks}"
if [ ! -d "$benchmarks" ]; then
    git clone -q --depth 1 https://github.com/aibasel/pyperplan "$work/pyperplan"
fi

cargo build --release -p mabos-planner --bin mabos-planner-cli >&2
echo "tasks, databases and results.jsonl in $work" >&2

"$venv/bin/python" bench/synthesis_vs_fd.py \
    --cli "$CARGO_TARGET_DIR/release/mabos-planner-cli" \
    --fd "$fd_dir/fast-downward.py" \
    --benchmarks "$benchmarks" \
    --work "$work" \
    --domains "${DOMAINS:-}" \
    --time-limit "${TIME_LIMIT:-30}" \
    --budget "${BUDGET:-20}" \
    --max-tasks "${MAX_TASKS:-100}" \
    --grounding "${GROUNDING:-sas}"
