"""A translation may change words, never where a link points or what markup a page carries.

Every translated msgstr of the build language's catalogs (the documents' and
the site's own) is checked before Sphinx reads a page. Refused:

* HTML that runs or loads something (<script>, <iframe>, <style>, <img>...)
  when the English has none, and inline event handlers (onclick=...);
* a directive the English does not have, above all ``.. raw::`` (it would
  pass HTML straight into the page), and the raw roles;
* a javascript:, vbscript: or data: link;
* a URL or link target that is not in the English message.

Any finding stops the build (a SphinxError from builder-inited; sphinx-build
exits 2) with the catalog's file:line for each, with or without --strict,
so nothing of such a msgstr reaches a page. `mmn-i18n build` runs the same
scan before it starts any build.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from sphinx.application import Sphinx
from sphinx.errors import SphinxError

from ...errors import Problem
from ...gettext.catalogs import catalog_files, read_catalog
from .site_text import LOCALE_DIR

ACTIVE_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|frame|object|embed|applet|style|link|meta|base|form|input|button|svg|math|img|video|audio|source)\b",
    re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
DIRECTIVE = re.compile(r"^\s*\.\.\s+([\w:-]+)\s*::", re.MULTILINE)
RAW_ROLE = re.compile(r":raw(-[\w-]+)?:`", re.IGNORECASE)
BAD_SCHEME = re.compile(r"\b(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|data)\s*:", re.IGNORECASE)
URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)[^\s<>`'\"]+", re.IGNORECASE)
LINK_TARGET = re.compile(r"<([^<>\s][^<>]*)>`_{1,2}")  # `text <target>`_


class UnsafeTranslation(SphinxError):
    category = "Unsafe translation"


def _urls(text: str) -> set[str]:
    return {url.rstrip(".,;:)") for url in URL.findall(text)}


def problems(msgid: str, msgstr: str) -> list[str]:
    """What is unsafe in one translation (empty when it is safe)."""
    found = []
    for match in ACTIVE_HTML.finditer(msgstr):
        if match.group(1).lower() not in {m.lower() for m in ACTIVE_HTML.findall(msgid)}:
            found.append(f"HTML <{match.group(1)}> in the translation; write text only")
    if EVENT_HANDLER.search(msgstr) and not EVENT_HANDLER.search(msgid):
        found.append("an HTML event handler (on...=) in the translation; write text only")
    english_directives = set(DIRECTIVE.findall(msgid))
    for name in DIRECTIVE.findall(msgstr):
        if name == "raw" or name not in english_directives:
            found.append(f"a '.. {name}::' directive the English does not have; remove it")
    if RAW_ROLE.search(msgstr):
        found.append("a raw role in the translation; remove it")
    for match in BAD_SCHEME.finditer(msgstr):
        scheme = re.sub(r"\s", "", match.group(1)).lower()
        if scheme == "data" and "data:" in msgid.lower():
            continue
        found.append(f"a {scheme}: link; links must point where the English ones do")
    english_urls = _urls(msgid)
    for url in sorted(_urls(msgstr) - english_urls):
        found.append(f"the URL {url} is not in the English; keep the English message's links")
    english_targets = set(LINK_TARGET.findall(msgid)) | english_urls
    for target in sorted(set(LINK_TARGET.findall(msgstr)) - english_targets):
        if not target.strip().endswith("_"):  # `text <label_>`_ names a target, not a place
            found.append(f"the link target <{target}> is not in the English; keep the English target")
    return found


def unsafe_entries(paths: Iterable[Path]) -> list[Problem]:
    """Every unsafe translated entry of these catalogs, in file and line order."""
    result = []
    for path in paths:
        for entry in read_catalog(path):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
                continue  # Sphinx uses neither obsolete nor fuzzy entries
            strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            english = entry.msgid + "\n" + (entry.msgid_plural or "")
            for text in strings:
                for problem in problems(english, text):
                    result.append(Problem(Path(path), entry.linenum, problem))
    return result


def language_catalogs(locale_dir: Path, language: str) -> list[Path]:
    """The documents' catalogs of a language and the site's own (theme and chrome words)."""
    return [*catalog_files(locale_dir / language / "LC_MESSAGES"),
            *catalog_files(LOCALE_DIR / language / "LC_MESSAGES")]


def refuse_unsafe_translations(app: Sphinx) -> None:
    language = app.config.language or "en"
    if language == "en" or app.builder.name == "gettext":
        return
    locale_dir = Path(app.srcdir, app.config.locale_dirs[0]).resolve()
    found = unsafe_entries(language_catalogs(locale_dir, language))
    if found:
        raise UnsafeTranslation("the build stopped: these translations could change a page's links or markup\n"
                                + "\n".join(str(item) for item in found))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", refuse_unsafe_translations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
