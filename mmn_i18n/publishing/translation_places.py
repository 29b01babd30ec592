"""Which catalog entry a language build's warning is about: a translator fixes the .po, not the .rst.

Sphinx names a problem in a translated paragraph at the English source's line
(`source/x.rst:12:<translated>:1: WARNING: ...`, or `source/x.rst:12: WARNING:
... [i18n.inconsistent_references]` when the translation's references differ
from the English ones). Every catalog entry
carries `#: ../../source/x.rst:12` occurrences, so the entry is the one whose
occurrence in that document is the last at or before the warning's line (a
paragraph's warning may be on a line inside it), and it counts only when it is
translated (Sphinx shows neither fuzzy nor empty translations).

Only warnings Sphinx marks as a translation's are placed: `<translated>` in
the place, or an i18n warning (`[i18n.inconsistent_references]`). Any other
warning is the English source's own, even on a line a catalog entry has (a
paragraph edited in English no longer matches its entry, so Sphinx shows the
English there): it stays on the .rst alone.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from ..errors import Problem
from ..gettext.catalogs import read_catalog
from ..project import Project
from ..textfiles import read_text
from .sphinx_build import SPHINX_WARNING, is_translated_place, sphinx_problem

# The warnings Sphinx's i18n transform gives at the English paragraph's place, without <translated>.
I18N_WARNING = re.compile(r"\[i18n\.[\w-]+\]$")


@dataclass(frozen=True)
class Occurrence:
    source_line: int  # the entry's line in the .rst
    msgstr_line: int  # where its translation starts in the .po
    translated: bool


def warning_problems(project: Project, language: str, lines: Iterable[str]) -> tuple[Problem, ...]:
    """One Problem per warning among Sphinx's lines, in order; in a language's build, at its catalog entry too."""
    places = CatalogPlaces(project, language)
    found = []
    for line in lines:
        if not SPHINX_WARNING.search(line):
            continue
        problem = sphinx_problem(line)
        if language != project.source_language and (is_translated_place(line) or I18N_WARNING.search(line)):
            problem = places.locate(problem)
        found.append(problem)
    return tuple(found)


class CatalogPlaces:
    """For one build: each document's catalog read once, however many warnings name it."""

    def __init__(self, project: Project, language: str) -> None:
        self.project, self.language = project, language
        self.occurrences: dict[str, list[Occurrence]] = {}  # source path (from the root) -> its entries

    def locate(self, problem: Problem) -> Problem:
        """The problem with its catalog entry's place, when a translated entry is at its line; else as it was."""
        root = self.project.root
        if not problem.path or not problem.line:
            return problem
        source = root / problem.path
        try:
            shown = source.relative_to(root).as_posix()
            document = source.relative_to(self.project.source_dir).with_suffix("").as_posix()
        except ValueError:
            return problem  # not a document of the project (a theme's template, a generated page)
        catalog = self.project.catalog_dir(self.language) / f"{document}.po"
        before = [item for item in self._occurrences(catalog, shown) if item.source_line <= problem.line]
        if not before:
            return problem
        entry = max(before, key=lambda item: item.source_line)
        if not entry.translated:
            return problem
        return replace(problem, catalog=catalog.relative_to(root).as_posix(), catalog_line=entry.msgstr_line)

    def _occurrences(self, catalog: Path, shown: str) -> list[Occurrence]:
        if shown not in self.occurrences:
            self.occurrences[shown] = catalog_occurrences(catalog, shown) if catalog.is_file() else []
        return self.occurrences[shown]


def catalog_occurrences(catalog: Path, shown: str) -> list[Occurrence]:
    """The entries of a catalog that occur in one source file (its path from the project folder)."""
    text_lines = read_text(catalog).splitlines()
    found = []
    for entry in read_catalog(catalog):
        if entry.obsolete or not entry.msgid:
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        translated = "fuzzy" not in entry.flags and all(translations)
        for name, number in entry.occurrences:
            if number.isdigit() and same_file(name, shown):
                found.append(Occurrence(int(number), msgstr_line(text_lines, entry.linenum), translated))
    return found


def same_file(occurrence: str, shown: str) -> bool:
    """Whether `../../source/x.rst` (relative to the template's folder) is source/x.rst of the project."""
    parts = posixpath.normpath(occurrence.replace("\\", "/")).split("/")
    while parts and parts[0] in ("..", "."):
        parts.pop(0)
    name = "/".join(parts)
    return name == shown or shown.endswith(f"/{name}") or name.endswith(f"/{shown}")


def msgstr_line(lines: list[str], start: int) -> int:
    """The line of the entry's first msgstr (the entry begins at start, its first comment); start if none."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return start
