#!/usr/bin/env bash
# Install everything the app needs into .venv and node_modules (idempotent, quick when up to date).
# With --test also the test tools and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
MET_TEST="${1:-}"

if [ ! -x .venv/bin/python ]; then
  PY=$(scripts/find-python.sh)
  "$PY" -m venv .venv
fi
stempel=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${MET_TEST:+-test}"
if [ ! -f "$stempel" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ -n "$MET_TEST" ]; then .venv/bin/pip install -q -e ".[test]"; else .venv/bin/pip install -q -e .; fi
  touch "$stempel"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -n "$MET_TEST" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium voor de browsertests installeren (Debian-pakket)..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
