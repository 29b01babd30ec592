#!/usr/bin/env bash
# Set up, then build every language's HTML site and PDFs from the bundled publications.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/mmn-i18n build --format html --format pdf "$@"
