"""Update the catalogs from the templates, and say which publications that takes out of a language.

New English in a template makes a catalog less translated (and changed
English makes translations fuzzy), so a publication ready in a language
before `update` may not be after it: the translator is told which, and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..gettext.merge import UpdateResult, refuse_unwritable, update
from ..project import Project
from .readiness import NotPublished, Readiness, assess, save_checks_cache


@dataclass(frozen=True)
class CatalogUpdate:
    results: tuple[UpdateResult, ...]  # one per catalog, in the order written
    withdrawn: tuple[NotPublished, ...]  # published in a language before the update, not after it


def update_catalogs(project: Project, languages: Iterable[str] = (),
                    progress: Callable[[int, int], None] | None = None) -> CatalogUpdate:
    """Merge the templates into these languages' catalogs (none named: all of the project's)."""
    selected = project.select_languages(tuple(languages))
    codes = [language.code for language in selected]
    refuse_unwritable(project, selected)  # before anything is written, the readiness cache included
    before = _published(assess(project, codes)) if project.source_dir.is_dir() else set()
    results = update(project, selected, progress=progress)
    withdrawn = []
    if before:
        after = assess(project, codes)
        save_checks_cache(project, after)
        for document, code in sorted(before - _published(after)):
            reasons = tuple(after.cell(document, code).reasons) if (document, code) in after.cells else ()
            withdrawn.append(NotPublished(document, code, reasons))
    return CatalogUpdate(tuple(results), tuple(withdrawn))


def _published(readiness: Readiness) -> set[tuple[str, str]]:
    return {key for key, cell in readiness.cells.items() if cell.ready}
