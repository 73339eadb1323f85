#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store's tests and print its URL (the only line on stdout):
#   export POLICY_TIMELINE_TEST_PG_URL="$(scripts/start-postgres.sh)"
# Installs Debian's postgresql when it is missing, then runs a cluster on 127.0.0.1:$PG_PORT with
# trust authentication in $PG_DIR. Running it again reuses the running server.
# Stop it with: scripts/start-postgres.sh stop
set -euo pipefail
PG_PORT="${PG_PORT:-55432}"
PG_DIR="${PG_DIR:-/tmp/policy-timeline-postgres-$PG_PORT}"
PG_DATABASE="${PG_DATABASE:-policy_timeline_test}"
log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(bin_dir)" ]; then
  log "installing Debian's postgresql"
  # Wait up to ten minutes for another apt or dpkg run instead of failing at once.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
fi
BIN="$(bin_dir)"

# PostgreSQL refuses to run as root: as root, run the server as Debian's postgres user.
if [ "$(id -u)" -eq 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
  owner=postgres
else
  as_owner() { "$@"; }
  owner="$(id -un)"
fi

if [ "${1:-}" = "stop" ]; then
  [ -f "$PG_DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >&2
  exit 0
fi

if ! as_owner "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  mkdir -p "$PG_DIR"
  chown "$owner" "$PG_DIR"
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "creating a cluster in $PG_DIR/data"
    as_owner "$BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  log "starting on 127.0.0.1:$PG_PORT"
  as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >&2 \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }
fi

exists="$("$BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")"
[ "$exists" = "1" ] || "$BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DATABASE"
echo "postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/$PG_DATABASE"
