#!/usr/bin/env bash
# Set up, then run the whole test suite (real Sphinx builds, real msgfmt, real PDFs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
