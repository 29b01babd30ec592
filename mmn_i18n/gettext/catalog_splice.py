"""msgcat's text of a whole catalog after one entry changed, without running msgcat on all of it.

A save in the workspace changes one entry and two header fields. GNU msgcat
lays out each entry on its own (the wrapping of an entry depends on that entry
and the catalog's charset, nothing else), and a catalog in its layout is the
header block, then one block per entry separated by one blank line, obsolete
entries last. So when the file on disk is msgcat's layout of the catalog
before the change, msgcat's layout of the catalog after it is the same text
with two blocks replaced: the header's and the entry's, laid out by msgcat on
a tiny catalog (that header and that entry) read from stdin. That costs one
small msgcat run instead of polib writing the whole catalog, a temporary
folder and msgcat reading it back (measured in README, "The translators'
workspace"). tests/test_catalog_splice.py compares the result with msgcat's
output for the whole catalog in every language.

The caller still writes the text with write_catalog_text, which reads the
temporary file back strictly and compares every entry before the rename.
"""
from __future__ import annotations

import re
from pathlib import Path

import polib

from .catalogs import catalog_text, gettext_tool
from .suppressions import has_legacy_flags
from ..subprocesses import GETTEXT_SECONDS, run


def splice_entry(old_text: str, catalog: polib.POFile, entry: polib.POEntry, path_hint: Path | str) -> str | None:
    """msgcat's layout of catalog, given old_text, msgcat's layout of it before entry and the header changed.

    catalog must have been read from old_text (its entries in the file's
    order) and then changed in place, only in entry and the header. None when
    the text cannot be spliced (not one block per entry, a charset other than
    UTF-8, old flags msgcat would drop): the caller writes the whole catalog.
    """
    if not old_text.endswith("\n") or "\n\n\n" in old_text or has_legacy_flags(old_text):
        return None
    if not re.search(r"charset=utf-?8\b", catalog.metadata.get("Content-Type", ""), re.IGNORECASE):
        return None
    blocks = old_text[:-1].split("\n\n")
    if len(blocks) != len(catalog) + 1:  # the header, then one block per entry (obsolete ones included)
        return None
    if entry.obsolete:
        return None
    # msgcat writes the active entries in the catalog's order, then the obsolete ones
    index = next((i for i, candidate in enumerate(e for e in catalog if not e.obsolete) if candidate is entry), None)
    if index is None:
        return None
    tiny = polib.POFile(wrapwidth=catalog.wrapwidth, encoding="utf-8", check_for_duplicates=False)
    tiny.header, tiny.metadata, tiny.metadata_is_fuzzy = catalog.header, catalog.metadata, catalog.metadata_is_fuzzy
    tiny.append(entry)
    result = run([gettext_tool("msgcat"), "--to-code=UTF-8", "--use-first", "-o", "-", "-"], GETTEXT_SECONDS,
                 f"msgcat on an entry of {path_hint}", input=catalog_text(tiny))
    if result.returncode != 0 or not result.stdout.endswith("\n"):
        return None  # the whole-catalog path names the problem
    laid_out = result.stdout[:-1].split("\n\n")
    if len(laid_out) != 2:
        return None
    blocks[0], blocks[index + 1] = laid_out
    return "\n\n".join(blocks) + "\n"

