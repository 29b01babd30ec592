"""Sphinx configuration for the network's publications (used with -c . source)."""

project = "Mekong Migration Network"
author = "Mekong Migration Network"
copyright = "2015-2026, Mekong Migration Network"

extensions = ["mmn_i18n.sphinx_ext"]

language = "en"
locale_dirs = ["../locale/"]  # relative to source/
gettext_compact = False  # one template per document
gettext_uuid = False
gettext_location = True

exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = []
