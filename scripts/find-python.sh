#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (Django 6.1 needs it). Tries PATH first, then pyenv's versions.
set -euo pipefail
kandidaten=()
for naam in python3.13 python3.12 python3; do
  command -v "$naam" >/dev/null 2>&1 && kandidaten+=("$(command -v "$naam")")
done
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for pad in "$pyenv_root"/versions/3.12*/bin/python3 "$pyenv_root"/versions/3.13*/bin/python3; do
  [ -x "$pad" ] && kandidaten+=("$pad")
done
for py in "${kandidaten[@]}"; do
  if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    echo "$py"; exit 0
  fi
done
echo "Geen Python 3.12 of nieuwer gevonden. Installeer Python 3.12+ (bijvoorbeeld met pyenv)." >&2
exit 1
