"""Quality checks of translations: each a small generator in a family module, one registry.

A check is a function decorated with @check(id, severity, summary): it gets a
translated, non-fuzzy entry (Unit) and a Context and yields one message per
problem. `check_catalog` runs them and wraps each message in a Finding;
translators silence a check on one entry with the translator comment
`# mmn-ignore: <id>` (mmn_i18n/gettext/suppressions.py).
"""
from __future__ import annotations

# Importing a family module registers its checks; this order is --list's order.
from . import markup, links, numbers, whitespace, copy, script, zawgyi, unicode, formats, terminology  # noqa: F401,I001
from .core import CHECKS, Check, Context, Finding, Pair, Severity, Unit, check
from .runner import check_catalog, check_files, check_language, check_paths, language_of, selected_checks

__all__ = [
    "CHECKS", "Check", "Context", "Finding", "Pair", "Severity", "Unit", "check",
    "check_catalog", "check_files", "check_language", "check_paths", "errors_by_language", "language_of",
    "project_termbase", "selected_checks",
]


def errors_by_language(project, languages) -> dict[str, list[Finding]]:
    """The error findings of each language's catalogs (for `build --strict`)."""
    from ..catalogs import catalog_files
    from ...languages import get_language

    codes = [getattr(language, "code", language) for language in languages]
    for code in codes:
        get_language(code)
    files = [path for code in codes for path in catalog_files(project.catalog_dir(code))]
    errors: dict[str, list[Finding]] = {code: [] for code in codes}
    from .config import settings_from_project

    for finding in check_files(files, termbase=project_termbase(project), settings=settings_from_project(project)):
        if finding.is_error:
            errors[finding.language].append(finding)
    return errors


def project_termbase(project):
    """The project's vocabulary, or None when the project has no glossary/terms.csv."""
    if not (project.root / "glossary" / "terms.csv").is_file():
        return None
    from ..glossary import load_termbase

    return load_termbase(project)
