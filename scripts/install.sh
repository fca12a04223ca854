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

# WeasyPrint (beschikking PDFs) needs Pango and HarfBuzz at run time, and the letter's font.
BIBLIOTHEKEN="$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)"
LETTERTYPEN="$(fc-list 2>/dev/null || true)"
if ! grep -q libpangoft2-1.0.so.0 <<<"$BIBLIOTHEKEN" || ! grep -q libharfbuzz-subset.so.0 <<<"$BIBLIOTHEKEN" \
   || ! grep -q "Liberation Sans" <<<"$LETTERTYPEN"; then
  echo "Pango, HarfBuzz en het lettertype voor de beschikkingen (PDF) installeren (Debian-pakketten)..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation >/dev/null
fi

if [ -n "$MET_TEST" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium voor de browsertests installeren (Debian-pakket)..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# pdftoppm / pdftotext: the browser test renders and reads an issued beschikking (PDF).
if [ -n "$MET_TEST" ] && ! command -v pdftoppm >/dev/null 2>&1; then
  echo "poppler-utils voor de browsertests installeren (Debian-pakket)..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
