"""The Sphinx extension's public name, for a project's conf.py: ``extensions = ["mmn_i18n.sphinx_ext"]``.

It lives in mmn_i18n.publishing.site; this name is kept so existing projects keep building."""
from .publishing.site import setup  # noqa: F401
