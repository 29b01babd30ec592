"""The Sphinx extension: everything the publications need beyond stock Sphinx."""
from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    # Full names, not built ones: mmn_i18n.publishing.inputs finds the site's code by them.
    for name in ("mmn_i18n.publishing.site.vocabulary", "mmn_i18n.publishing.site.safety",
                 "mmn_i18n.publishing.site.publication", "mmn_i18n.publishing.site.ui_catalogs",
                 "mmn_i18n.publishing.site.search", "mmn_i18n.publishing.site.fonts",
                 "mmn_i18n.publishing.site.chrome", "mmn_i18n.publishing.site.lang_marks"):
        app.setup_extension(name)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
