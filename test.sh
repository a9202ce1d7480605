#!/usr/bin/env bash
# Set up .venv/ with the test tools (and Debian chromium for the browser tests), then run every check.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh ui,dev
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Инсталирам chromium (apt) за тестовете в браузър ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "chromium не е инсталиран: тестовете в браузър не могат да се изпълнят." >&2; exit 1; }
if ! command -v soffice >/dev/null 2>&1; then
  echo "==> Инсталирам LibreOffice (apt), с който тестовете правят PDF планове ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq libreoffice-writer-nogui >/dev/null
fi
command -v soffice >/dev/null 2>&1 || { echo "LibreOffice не е инсталиран: тестовете с PDF не могат да се изпълнят." >&2; exit 1; }
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/ruff check assistant tests eval
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
