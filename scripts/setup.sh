#!/usr/bin/env bash
# Install everything mmn-i18n needs on a fresh Debian machine, then keep quiet
# on later runs: Debian packages only when missing, the venv only when stale.
set -euo pipefail
cd "$(dirname "$0")/.."

# gettext: msgmerge/msgcat/msgfmt; Noto: glyphs for every script we publish;
# fontconfig: fc-list finds them; libicu-dev, pkg-config, g++: PyICU builds from
# source; pango and harfbuzz-subset: WeasyPrint (fast font subsetting);
# poppler-utils: pdftotext/pdftoppm; libreoffice-calc-nogui: the glossary CSV's
# round trip through a real spreadsheet program (tests).
DEBIAN_PACKAGES=(gettext fonts-noto-core fonts-noto-cjk fontconfig libicu-dev pkg-config g++
                 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils libreoffice-calc-nogui)
# Node.js runs the sites' search splitter in the tests; the machine may already have its own.
command -v node >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs)
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

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.mmn-i18n-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
