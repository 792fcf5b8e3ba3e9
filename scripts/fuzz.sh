#!/usr/bin/env bash
# Fuzzes the planner's untrusted inputs with cargo-fuzz (libFuzzer), one target after
# another, each for a given time, on one core:
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS defaults to 600; the targets (fuzz/fuzz_targets/) default to all three:
#   import_document  bytes given to export::validate_document (the import file)
#   layout_contract  bytes given to layout::layered_json (the layout JSON contract)
#   conditions       bytes read as stored conditions and effects, then checked and evaluated
#
# cargo-fuzz needs a nightly compiler for -Zsanitizer; RUSTC_BOOTSTRAP=1 lets the
# stable toolchain accept the flag. Each target's corpus grows in fuzz/corpus/<target>
# (not committed), seeded from fuzz/seeds/<target> (committed, taken from tests/data).
# A crash is written to fuzz/artifacts/<target>/ and stops the script with exit 1;
# replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>` in fuzz/.
# FUZZ_SMOKE=1 builds with fewer checks (no sanitizer), for the short run in test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(import_document layout_contract conditions)

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
# Its own target directory: the sanitizer flags would rebuild everything elsewhere.
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/fuzz}
build_flags=()
[ "${FUZZ_SMOKE:-0}" = 1 ] && build_flags=(--sanitizer none)

cd fuzz
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== fuzzing $target for ${seconds}s"
    status=0
    cargo fuzz run "${build_flags[@]}" "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        >"corpus/$target.log" 2>&1 || status=$?
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "corpus/$target.log" || true
    if [ "$status" -ne 0 ]; then
        tail -n 30 "corpus/$target.log" >&2
        echo "fuzz: $target failed; see fuzz/corpus/$target.log and fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
