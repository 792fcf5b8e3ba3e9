#!/usr/bin/env bash
# Checks the Debian package end to end: builds it (scripts/package.sh), installs it with
# apt (which pulls its declared dependencies), starts the installed binary in a virtual
# display on a fresh database, and waits until the app has created and migrated that
# database and is still running. Then it stops the app and removes the package.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
target="${CARGO_TARGET_DIR:-$PWD/target}"

bash scripts/package.sh
deb="$(ls -t "$target"/release/bundle/deb/*.deb | head -n1)"
echo "== check-deb: installing $deb"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$(realpath "$deb")" >/dev/null
trap '$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q mabos-planner >/dev/null || true' EXIT

bin="$(dpkg -L mabos-planner | grep -E '/bin/mabos-planner$')"
echo "== check-deb: starting $bin"
home="$(mktemp -d)"
db="$home/planner.db"
MABOS_PLANNER_DB="$db" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  xvfb-run -a "$bin" >"$home/app.log" 2>&1 &
runner=$!
ok=""
for _ in $(seq 1 60); do
  # The app migrates the database as it opens it: the schema history table (in the file
  # or still in its write-ahead log) proves it ran.
  if grep -aqs refinery_schema_history "$db" "$db-wal"; then
    ok=1; break
  fi
  sleep 1
done
sleep 2
# By process name: a match on the command line would also find xvfb-run.
alive=""; pgrep -x "$(basename "$bin")" >/dev/null && alive=1
pkill -x "$(basename "$bin")" || true
wait "$runner" 2>/dev/null || true
if [ -z "$ok" ] || [ -z "$alive" ]; then
  echo "check-deb: FAILED (database created: ${ok:-no}, still running: ${alive:-no}); app log:" >&2
  cat "$home/app.log" >&2
  exit 1
fi
echo "check-deb: the installed app started and opened a fresh database ($db)"
rm -rf "$home"
