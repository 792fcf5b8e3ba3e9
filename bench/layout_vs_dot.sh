#!/usr/bin/env bash
# Compares the layered layout with Graphviz dot on the same generated DAGs and prints
# markdown tables (time, crossings, stable re-layout, tidy tree). Both are timed as whole
# processes: `mabos-planner-cli layout` (JSON in and out) against `dot -Tplain`.
#
#   bash bench/layout_vs_dot.sh                 # 1,000 and 5,000 nodes, deep and wide
#   SIZES=1000 bash bench/layout_vs_dot.sh      # quicker
#
# dot at 5,000 nodes takes from seconds to minutes per graph.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dot >/dev/null 2>&1; then
    echo "installing graphviz" >&2
    apt-get update -qq && apt-get install -y -qq graphviz >/dev/null
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --example layout_bench --bin mabos-planner-cli >&2
work="${WORK:-$(mktemp -d)}"
echo "graphs and drawings in $work" >&2

python3 bench/layout_vs_dot.py \
    --bin "$CARGO_TARGET_DIR/release/examples/layout_bench" \
    --cli "$CARGO_TARGET_DIR/release/mabos-planner-cli" \
    --work "$work" \
    --sizes "$(echo "${SIZES:-1000 5000}" | tr ' ' ',')" \
    --shapes deep,wide \
    --seed "${SEED:-1}"
