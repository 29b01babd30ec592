"""The Sphinx extension: everything the publications need beyond stock Sphinx."""
from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    app.setup_extension("mmn_i18n.publishing.site.vocabulary")
    for part in ("safety", "publication", "ui_catalogs", "search", "fonts", "chrome", "lang_marks"):
        app.setup_extension(f"mmn_i18n.publishing.site.{part}")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
