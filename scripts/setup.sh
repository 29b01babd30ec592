#!/usr/bin/env bash
# Install everything mmn-i18n needs on a fresh Debian machine, then keep quiet
# on later runs: Debian packages only when missing, the venv only when stale.
set -euo pipefail
cd "$(dirname "$0")/.."

# gettext: msgmerge/msgcat/msgfmt; Noto: glyphs for every script we publish;
# fontconfig: fc-list finds them; libicu-dev, pkg-config, g++: PyICU builds from
# source; pango and harfbuzz-subset: WeasyPrint (fast font subsetting);
# poppler-utils: pdftotext/pdftoppm; chromium: the browser tests and page renders
# (driven by the Python package playwright, never `playwright install`);
# libreoffice-calc-nogui: the glossary CSV's round trip through a real spreadsheet program (tests).
DEBIAN_PACKAGES=(gettext fonts-noto-core fonts-noto-cjk fontconfig libicu-dev pkg-config g++
                 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium
                 libreoffice-calc-nogui)
# Node.js runs the sites' search splitter in the tests; the machine may already have its own.
command -v node >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python packages: exactly the versions in uv.lock (test extras included), installed
# by uv at the version pinned here. uv itself lives in .uv/, apart from the project's
# .venv, so that `uv sync` (which removes whatever the lock does not list) leaves it be.
UV_VERSION=0.13.9
PYTHON=${PYTHON:-python3}
if [ "$(.uv/bin/uv --version 2>/dev/null | cut -d" " -f2)" != "$UV_VERSION" ]; then
  echo "setup: installing uv $UV_VERSION into .uv" >&2
  "$PYTHON" -m venv .uv
  .uv/bin/python -m pip install --quiet "uv==$UV_VERSION"
fi
export UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON="$PYTHON"
# CI fails here when pyproject.toml and uv.lock disagree (`bash scripts/lock.sh` mends it).
if ! .uv/bin/uv lock --check --quiet; then
  echo "setup: uv.lock does not match pyproject.toml. Run: bash scripts/lock.sh" >&2
  exit 2
fi
# Re-install only when the lock or pyproject.toml changed since the last install.
stamp=.venv/.mmn-i18n-installed
wanted="$(cat uv.lock pyproject.toml | sha256sum | cut -d' ' -f1) uv $UV_VERSION bytecode"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "setup: installing the locked Python packages into .venv" >&2
  # --compile-bytecode: every command, and every sphinx-build and PDF worker it starts, would
  # otherwise compile Sphinx, docutils and Babel again (0.4 s a process) wherever Python may not
  # write its caches (PYTHONDONTWRITEBYTECODE, a read-only install).
  .uv/bin/uv sync --locked --extra test --quiet --compile-bytecode
  echo "$wanted" > "$stamp"
fi

# axe-core and html-validate, at the versions pinned in tests/node/package.json(-lock),
# for the browser tests of the landing pages (tests/node/node_modules/, ignored by git).
if [ ! -f tests/node/node_modules/.package-lock.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  echo "setup: installing the browser checkers (npm ci in tests/node)" >&2
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >/dev/null
fi
