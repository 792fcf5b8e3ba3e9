#!/usr/bin/env bash
# Builds and starts the MABOS Planner desktop app on the per-user database
# ($MABOS_PLANNER_DB, or ~/.local/share/org.mabos.planner/planner.db), installing what
# it needs first. A debug build by default (the tests build it too, so it is usually
# ready); --release for an optimised one (a cold release build takes 7 to 20 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
target="${CARGO_TARGET_DIR:-$PWD/target}"

(cd ui && npm run --silent build >/dev/null)
if [ "${1:-}" = "--release" ]; then
  cargo build --locked --quiet --release -p mabos-planner-app
  app="$target/release/mabos-planner"
else
  cargo build --locked --quiet -p mabos-planner-app
  app="$target/debug/mabos-planner"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display (DISPLAY and WAYLAND_DISPLAY are unset); try: xvfb-run -a $0 $*" >&2
  exit 1
fi
echo "starting $app (logs: ~/.local/share/org.mabos.planner/logs/)"
exec "$app"
