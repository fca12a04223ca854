#!/usr/bin/env bash
# The whole test suite: once on SQLite, once on a real PostgreSQL started here.
# Extra arguments go to pytest (e.g. scripts/test.sh -k termijnen).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test

echo "== Tests op SQLite =="
env -u DATABASE_URL .venv/bin/python -m pytest "$@"

echo "== Tests op PostgreSQL =="
DATABASE_URL=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop' EXIT
DATABASE_URL="$DATABASE_URL" .venv/bin/python -m pytest "$@"
