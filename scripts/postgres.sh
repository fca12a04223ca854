#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL for the test suite, from the Debian binaries on this machine.
#   scripts/postgres.sh start   -> prints a DATABASE_URL on stdout
#   scripts/postgres.sh stop
# The server refuses to run as root, so as root it runs as the 'postgres' system user.
set -euo pipefail
DIR="${NS_PG_DIR:-/tmp/nieuwestart-pg}"
PORT="${NS_PG_PORT:-54329}"

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  return 1
}

if ! BIN=$(bindir); then
  echo "PostgreSQL ontbreekt; installeren met apt..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
  BIN=$(bindir)
fi

als_eigenaar() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    als_eigenaar "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"; mkdir -p "$DIR/socket"
    [ "$(id -u)" = "0" ] && chown -R postgres "$DIR"
    als_eigenaar "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    als_eigenaar "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/nieuwestart"
    ;;
  stop)
    als_eigenaar "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "gebruik: $0 start|stop" >&2; exit 2 ;;
esac
