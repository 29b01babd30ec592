"""Whether each document is ready to publish in each language, and why (rules per kind of document).

Rules live in pyproject.toml, one per :kind:, with a fallback:

    [tool.mmn-i18n.readiness]
    default = {min_percent = 80}
    statement = {min_percent = 100, no_errors = true, min_reviewed_percent = 100}

A document is published in a language when the language is in its
:publish-in: field, at least min_percent of its catalog's messages are
translated (msgfmt's counting, mmn_i18n.gettext.coverage), at least
min_reviewed_percent of them carry a valid second reader's approval
(mmn_i18n.gettext.review) and, where no_errors is set, the quality checks
(mmn_i18n.gettext.checks) find no error in that catalog.
English, the source, is always ready. Pages without a :kind: (the home page)
are part of every site. Core functions only: the CLI prints.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..textfiles import write_text_atomically
from ..gettext.coverage import Counts, count_catalog
from ..errors import MmnError
from .metadata import refuse_bad_metadata
from ..project import Document, Project
from .inputs import checks_digest

DEFAULT_RULE = {"min_percent": 80, "no_errors": False}
RULE_KEYS = {"min_percent", "no_errors", "min_reviewed_percent"}


@dataclass(frozen=True)
class Rule:
    min_percent: float = 80.0
    no_errors: bool = False
    min_reviewed_percent: float = 0.0

    def describe(self) -> str:
        return (f"at least {self.min_percent:g}% translated"
                + (f", {self.min_reviewed_percent:g}% reviewed" if self.min_reviewed_percent else "")
                + (", no check errors" if self.no_errors else ""))


@dataclass(frozen=True)
class Cell:
    """One document in one language: ready or not, and the reasons."""

    document: str
    language: str
    ready: bool
    percent: float | None  # None: English, or a page that is not translated by catalog
    errors: int
    reasons: tuple[str, ...]
    rule: str = ""
    reviewed_percent: float | None = None  # messages with a valid approval (mmn_i18n.gettext.review)

    def as_dict(self) -> dict:
        return {"document": self.document, "language": self.language, "ready": self.ready,
                "percent": None if self.percent is None else round(self.percent, 1),
                "reviewed_percent": None if self.reviewed_percent is None else round(self.reviewed_percent, 1),
                "errors": self.errors, "reasons": list(self.reasons), "rule": self.rule}


@dataclass(frozen=True)
class Readiness:
    languages: tuple[str, ...]  # English first
    documents: tuple[Document, ...]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    warnings: tuple = ()  # mmn_i18n.errors.Problem (warnings): what the documents' fields leave unsaid
    # The check-error counts, when some had to be counted again: for the caller that owns
    # the build to keep (save_checks_cache); assessing itself writes nothing.
    checks_cache: dict | None = field(default=None, compare=False, repr=False)

    def cell(self, document: str, language: str) -> Cell:
        return self.cells[(document, language)]

    def published_in(self, document: str) -> list[str]:
        return [code for code in self.languages if self.cells[(document, code)].ready]

    def publication_map(self) -> dict:
        """What the Sphinx extension reads (mmn_i18n.publishing.site.publication)."""
        return {"languages": list(self.languages),
                "documents": {doc.name: self.published_in(doc.name) for doc in self.documents}}


@dataclass(frozen=True)
class NotPublished:
    """A publication left out of a language: the readiness rule of its kind is not met there."""

    document: str
    language: str
    reasons: tuple[str, ...]


def load_rules(project: Project) -> dict[str, Rule]:
    """The rules by kind ("default" included), checked for unknown keys and bad values."""
    table = project.settings.get("readiness", {})
    where = f"{project.setting_where('readiness')}: [tool.mmn-i18n.readiness]"
    if not isinstance(table, dict):
        raise MmnError(f"{where} must be a table of kind = {{min_percent = ..., no_errors = ...}}.")
    rules = {"default": Rule(**DEFAULT_RULE)}
    for kind, value in table.items():
        where = f"{project.setting_where('readiness', kind)}: [tool.mmn-i18n.readiness]"
        if not isinstance(value, dict) or set(value) - RULE_KEYS:
            raise MmnError(f"{where} {kind} must be {{min_percent = <0-100>, no_errors = <true|false>, "
                           f"min_reviewed_percent = <0-100>}}; got {value!r}.")
        percent = value.get("min_percent", rules["default"].min_percent)
        if not isinstance(percent, (int, float)) or isinstance(percent, bool) or not 0 <= percent <= 100:
            raise MmnError(f"{where} {kind}.min_percent must be a number from 0 to 100; got {percent!r}.")
        no_errors = value.get("no_errors", rules["default"].no_errors)
        if not isinstance(no_errors, bool):
            raise MmnError(f"{where} {kind}.no_errors must be true or false; got {no_errors!r}.")
        reviewed = value.get("min_reviewed_percent", rules["default"].min_reviewed_percent)
        if not isinstance(reviewed, (int, float)) or isinstance(reviewed, bool) or not 0 <= reviewed <= 100:
            raise MmnError(f"{where} {kind}.min_reviewed_percent must be a number from 0 to 100; got {reviewed!r}.")
        rules[kind] = Rule(float(percent), no_errors, float(reviewed))
    return rules


def catalog_path(project: Project, language: str, document: str) -> Path:
    return project.catalog_dir(language) / f"{document}.po"


def translated_percent(path: Path) -> float:
    """Percent of the catalog's messages translated (0 when there is no catalog)."""
    if not path.is_file():
        return 0.0
    return float(count_catalog(path).percent)


def catalog_counts(path: Path) -> Counts:
    """The catalog's counts (all zero when there is no catalog)."""
    return count_catalog(path) if path.is_file() else Counts()


CHECKS_CACHE = "readiness-checks.json"


def _error_counts(project: Project, languages: list[str]) -> tuple[dict[tuple[str, str], tuple[int, str]], dict | None]:
    """(language, catalog path) -> (number of check errors, the first one as file:line: message),
    and the cache's new content when some languages were checked again (else None).

    The checks take a second or more per language, so their result is kept in
    _build/readiness-checks.json (by save_checks_cache) and recomputed only for
    languages whose catalogs (or the checks themselves) changed since.
    """
    from ..gettext.checks import errors_by_language  # imported here: docutils is slow to load

    cache_path = project.build_dir / CHECKS_CACHE
    try:
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    stamps = {code: checks_digest(project, code) for code in languages}
    stale = [code for code in languages if cache.get(code, {}).get("stamp") != stamps[code]]
    if stale:
        for code, findings in errors_by_language(project, stale).items():
            per_file: dict[str, list] = {}
            for finding in findings:
                key = str(Path(finding.path).resolve())
                number, first = per_file.get(key, (0, ""))
                per_file[key] = [number + 1, first or f"{finding.path}:{finding.line}: {finding.message}"]
            cache[code] = {"stamp": stamps[code], "errors": per_file}
    counts = {(code, path): (number, first)
              for code in languages for path, (number, first) in cache[code]["errors"].items()}
    return counts, (cache if stale else None)


def save_checks_cache(project: Project, readiness: Readiness) -> None:
    """Keep the check-error counts assess had to compute again, for the next assessment."""
    if readiness.checks_cache is None:
        return
    try:
        write_text_atomically(project.build_dir / CHECKS_CACHE,
                              json.dumps(readiness.checks_cache, ensure_ascii=False, indent=1))
    except MmnError:
        pass  # only a cache: a full or read-only disk must not stop the build


def assess(project: Project, languages: Iterable[str] | None = None,
           documents: Iterable[str] | None = None) -> Readiness:
    """The readiness of every document (or those named) in every language (or those named)."""
    rules = load_rules(project)
    codes = [project.source_language, *(code for code in (languages or project.language_codes)
                                        if code != project.source_language)]
    docs = project.documents()
    warnings = refuse_bad_metadata(project, docs)  # a bad :kind:, :date: or :publish-in: stops here
    if documents is not None:
        wanted = set(documents)
        unknown = wanted - {doc.name for doc in docs}
        if unknown:
            raise MmnError(f"No such document: {', '.join(sorted(unknown))} (in {project.source_dir}).")
        docs = [doc for doc in docs if doc.name in wanted]
    needs_checks = any(rules.get(doc.kind, rules["default"]).no_errors for doc in docs if doc.kind)
    errors, checks_cache = _error_counts(project, codes[1:]) if needs_checks else ({}, None)
    cells = {}
    for doc in docs:
        rule = rules.get(doc.kind, rules["default"])
        for code in codes:
            cells[(doc.name, code)] = _cell(project, doc, code, rule, errors)
    return Readiness(tuple(codes), tuple(docs), cells, tuple(warnings), checks_cache)


def _cell(project: Project, doc: Document, code: str, rule: Rule,
          errors: dict[tuple[str, str], tuple[int, str]]) -> Cell:
    if code == project.source_language:
        return Cell(doc.name, code, True, None, 0, ("source language",))
    if not doc.kind:
        return Cell(doc.name, code, True, None, 0, ("site page without :kind:, part of every site",))
    reasons = []
    path = catalog_path(project, code, doc.name)
    counts = catalog_counts(path)
    percent = float(counts.percent) if path.is_file() else 0.0
    error_count, first_error = errors.get((code, str(path.resolve())), (0, ""))
    if code not in doc.publish_in:
        reasons.append(f"{code} is not in the document's :publish-in: field")
    if not path.is_file():
        reasons.append(f"no catalog {path.relative_to(project.root).as_posix()} (run mmn-i18n update -l {code})")
    elif percent < rule.min_percent:
        reasons.append(f"{_shown(percent)}% translated, {doc.kind} needs {rule.min_percent:g}%")
    if path.is_file() and counts.reviewed_percent < rule.min_reviewed_percent:
        reasons.append(f"{counts.reviewed} of {counts.total} messages reviewed, {doc.kind} needs "
                       f"{rule.min_reviewed_percent:g}% (mmn-i18n review list -l {code} -d {doc.name})")
    if rule.no_errors and error_count:
        reasons.append(f"{error_count} check error{'s' if error_count > 1 else ''}, {doc.kind} needs none "
                       f"(first: {first_error})")
    ready = not reasons
    if ready:
        reasons.append(f"{_shown(percent)}% translated"
                       + (f", {counts.reviewed} of {counts.total} reviewed" if rule.min_reviewed_percent else "")
                       + (", no check errors" if rule.no_errors else ""))
    return Cell(doc.name, code, ready, percent, error_count, tuple(reasons), rule.describe(),
                counts.reviewed_percent if path.is_file() else 0.0)


def _shown(percent: float) -> str:
    """Rounded down, so 99.6 % never shows as the 100 % a rule asks for."""
    return str(int(percent))


PUBLICATION_FILE = "publication.json"


def write_publication_file(project: Project, readiness: Readiness) -> Path:
    """The file the Sphinx builds read (-D mmn_publication_file); rewritten only when it changes."""
    path = project.build_dir / PUBLICATION_FILE
    write_text_atomically(path, json.dumps(readiness.publication_map(), indent=1, sort_keys=True) + "\n")
    return path


def remove_unpublished_pages(project: Project, readiness: Readiness, languages: Iterable[str]) -> list[Path]:
    """Delete pages an earlier build wrote for documents no longer published (Sphinx leaves them)."""
    removed = []
    for code in languages:
        site = project.build_dir / "html" / code
        for doc in readiness.documents:
            if (doc.name, code) in readiness.cells and not readiness.cell(doc.name, code).ready:
                for stale in (site / f"{doc.name}.html", site / "_sources" / f"{doc.name}.rst.txt"):
                    if stale.is_file():
                        stale.unlink()
                        removed.append(stale)
    return removed
