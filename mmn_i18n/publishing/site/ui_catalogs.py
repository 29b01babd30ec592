"""The theme's own words ("Search", "Next", "Contents"...) in languages Sphinx ships no catalog for.

The project keeps them in mmn_i18n/publishing/site/locale/<lang>/LC_MESSAGES/sphinx.po
(a subset of Sphinx's sphinx.pot). At config-inited each build compiles its
language's catalog, when the .po is newer, into the build's doctree folder:
sphinx.mo for the Python side, added to Sphinx's 'sphinx' domain as a
fallback of whatever Sphinx found (sphinx.locale.init chains them), and
sphinx.js for the browser side (searchtools.js: "Search Results", "Searching"),
which the HTML builder copies as _static/translations.js because the folder
is added to locale_dirs. Nothing compiled is committed or written into the
package.
"""
from __future__ import annotations

import json
import os
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ...gettext.catalogs import read_catalog
from ...errors import CatalogError, MmnError
from ...textfiles import write_bytes_atomically
from .site_text import LOCALE_DIR

DOMAIN = "sphinx"
JS_SOURCES = (".js", ".js.jinja", ".js_t", ".html")  # the messages Sphinx's own sphinx.js carries


def ui_catalog(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_ui_catalog(po_path: Path, language: str, target_dir: Path) -> Path:
    """Write <target_dir>/<language>/LC_MESSAGES/sphinx.mo and sphinx.js from po_path (when outdated)."""
    out = target_dir / language / "LC_MESSAGES"
    mo_path, js_path = out / f"{DOMAIN}.mo", out / f"{DOMAIN}.js"
    source_time = po_path.stat().st_mtime_ns
    if all(p.is_file() and p.stat().st_mtime_ns >= source_time for p in (mo_path, js_path)):
        return out
    try:
        read_catalog(po_path)  # the one strict reader first: Babel's own is lenient
    except CatalogError as error:
        raise ConfigError(error.message) from None
    try:
        with po_path.open("rb") as stream:
            catalog = read_po(stream, locale=None, abort_invalid=True)
    except Exception as error:
        raise ConfigError(f"{po_path}:{getattr(error, 'lineno', '')}: {error}. Fix the catalog.") from None
    compiled = BytesIO()
    write_mo(compiled, catalog)
    for path, data in ((mo_path, compiled.getvalue()), (js_path, _js(catalog, language))):
        try:
            written = write_bytes_atomically(path, data)  # atomic: a parallel reader never sees half a file
        except MmnError as error:
            raise ConfigError(str(error)) from None
        if not written:
            os.utime(path)  # unchanged bytes: newer than the catalog all the same, so not compiled again
    return out


def _js(catalog, language: str) -> bytes:
    messages: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(
                name.endswith(JS_SOURCES) for name, _ in message.locations):
            continue
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else message.string
        if (isinstance(strings, list) and all(strings)) or (isinstance(strings, str) and strings):
            messages[key] = strings
    data = {"messages": messages, "plural_expr": catalog.plural_expr, "locale": language}
    text = f"Documentation.addTranslations({json.dumps(data, sort_keys=True, indent=4)});\n"
    return text.encode("utf-8")


def install_ui_catalog(app: Sphinx, config: Config) -> None:
    language = config.language or "en"
    po_path = ui_catalog(language)
    if not po_path.is_file():
        return
    target = Path(app.doctreedir) / "ui-locale"
    compile_ui_catalog(po_path, language, target)
    translator, _ = sphinx_locale.init([str(target)], language, DOMAIN)
    # The HTML templates' _() use app.translator, which Sphinx set before any
    # extension ran (a NullTranslations for these languages): point it at ours.
    app.translator = translator
    if str(target) not in config.locale_dirs:
        config.locale_dirs = [*config.locale_dirs, str(target)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", install_ui_catalog)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
