#!/usr/bin/env bash
# The main job: set up .venv/ and open the chat on the bundled plans (index built if missing).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh ui
export HF_HUB_OFFLINE=1
exec .venv/bin/python -m assistant serve "$@"
