#!/usr/bin/env bash
# Rewrite uv.lock from pyproject.toml, then install it into .venv.
#   bash scripts/lock.sh            # after editing pyproject.toml: keep every other pin
#   bash scripts/lock.sh --upgrade  # move every package to its newest allowed release
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=$(sed -n 's/^UV_VERSION=//p' scripts/setup.sh)
if [ "$(.uv/bin/uv --version 2>/dev/null | cut -d" " -f2)" != "$UV_VERSION" ]; then
  "${PYTHON:-python3}" -m venv .uv
  .uv/bin/python -m pip install --quiet "uv==$UV_VERSION"
fi
.uv/bin/uv lock "$@"
bash scripts/setup.sh
