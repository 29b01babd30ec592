"""The termbase as a spreadsheet: export to CSV, take an edited CSV back into the catalogs.

Layout (UTF-8 with a byte-order mark, so Excel and LibreOffice detect the
encoding): ``id``, then one column per language with the term (``en``, ``my``,
``km``...), then ``<lang>:definition`` and ``<lang>:example`` columns. English
columns are for reference only: the English source lives in glossary/terms.csv.

Import never drops a translation: an empty cell leaves the catalog as it is.
A changed cell replaces the translation and counts as reviewed (the fuzzy flag
is removed) unless ``fuzzy=True``, for text nobody has checked yet.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polib

from ..catalog_lock import catalogs_lock
from ..catalogs import read_catalog, write_catalog
from ...textfiles import require_writable, write_text_atomically
from .load import TermbaseError, glossary_catalog, read_sheet
from .model import FIELDS, Termbase

LANGUAGE_COLUMN_PARTS = {"term": "", "definition": ":definition", "example": ":example"}


def column(lang: str, part: str) -> str:
    return lang + LANGUAGE_COLUMN_PARTS[part]


def export_csv(termbase: Termbase, languages: list[str], include_fuzzy: bool = False) -> str:
    """The spreadsheet as text (BOM included); rows in English alphabetical order."""
    columns = ["en", *languages]
    header = ["id"] + [column(lang, part) for part in FIELDS for lang in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends, as spreadsheets write
    writer.writerow(header)
    for term in sorted(termbase.terms, key=lambda t: t.term.casefold()):
        writer.writerow([term.id] + [termbase.translation(term.id, lang, part, include_fuzzy)
                                     for part in FIELDS for lang in columns])
    return "\ufeff" + out.getvalue()


@dataclass(frozen=True)
class Change:
    language: str
    term_id: str
    part: str
    kind: str  # "added" or "updated"
    old: str
    new: str


def _parse_header(path: Path, header: list[str], languages: list[str]) -> dict[int, tuple[str, str]]:
    """column index -> (lang, part) for the language columns that import writes."""
    if not header or header[0] != "id":
        raise TermbaseError(f"{path}:1: the first column must be 'id' (as written by `mmn-i18n glossary export`).")
    known = {column(lang, part): (lang, part) for lang in languages for part in FIELDS}
    english = {column("en", part) for part in FIELDS}
    targets = {}
    for index, name in enumerate(header[1:], start=1):
        name = name.strip()
        if name in known:
            targets[index] = known[name]
        elif name not in english:
            raise TermbaseError(f"{path}:1: unknown column {name!r}; use a language code "
                                f"({', '.join(languages)}) optionally followed by :definition or :example.")
    return targets


def plan_import(termbase: Termbase, path: Path, languages: list[str]) -> list[tuple[str, str, str, str, int]]:
    """(lang, term id, part, text, line) for every filled-in cell; checks ids and shape first."""
    text = read_sheet(path, save_as="'CSV UTF-8'")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise TermbaseError(f"{path}: the file is empty.")
    targets = _parse_header(path, rows[0], languages)
    cells = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        term_id = row[0].strip()
        if term_id not in termbase.by_id:
            raise TermbaseError(f"{path}:{line}: id {term_id!r} is not in glossary/terms.csv; "
                                "keep the id column as exported.")
        if len(row) > len(rows[0]):
            raise TermbaseError(f"{path}:{line}: more cells than columns; check for a stray comma.")
        for index, (lang, part) in targets.items():
            value = row[index].strip() if index < len(row) else ""
            if part == "term" and (" : " in value or "\n" in value):
                # Sphinx reads "term : classifier" in a glossary term, and a term is one line.
                raise TermbaseError(f"{path}:{line}: the {lang} term of {term_id!r} must be one line "
                                    "without ' : ' (Sphinx would split it); rephrase it.")
            if value:
                cells.append((lang, term_id, part, value, line))
    return cells


def import_csv(termbase: Termbase, path: Path, locale_dir: Path, languages: list[str],
               fuzzy: bool = False) -> list[Change]:
    """Write the sheet's translations into locale/<lang>/LC_MESSAGES/vocabulary/index.po."""
    cells = plan_import(termbase, path, languages)
    targets = [glossary_catalog(locale_dir, lang) for lang in sorted({cell[0] for cell in cells})]
    require_writable([target for target in targets if target.exists()])  # refused before a lock file is made
    # the workspace server saves under the same locks: held from the first read to the last write
    with catalogs_lock(targets):
        return _import_cells(termbase, path, locale_dir, cells, fuzzy)


def _import_cells(termbase: Termbase, path: Path, locale_dir: Path, cells: list[tuple[str, str, str, str, int]],
                  fuzzy: bool) -> list[Change]:
    catalogs: dict[str, polib.POFile] = {}
    planned: list[tuple[polib.POEntry, str, Change]] = []
    for lang, term_id, part, text, line in cells:
        po_path = glossary_catalog(locale_dir, lang)
        if lang not in catalogs:
            if not po_path.exists():
                raise TermbaseError(f"{po_path}: no such catalog; run `mmn-i18n extract` and "
                                    f"`mmn-i18n update --lang {lang}` first.")
            catalogs[lang] = read_catalog(po_path)
        msgid = termbase.term(term_id).english(part)
        entry = catalogs[lang].find(msgid)
        if entry is None or entry.obsolete:
            raise TermbaseError(f"{po_path}: no entry for {msgid[:60]!r} ({path.name} line {line}); "
                                "run `mmn-i18n extract` and `mmn-i18n update` first.")
        if entry.msgstr == text:
            continue
        kind = "updated" if entry.msgstr else "added"
        planned.append((entry, text, Change(lang, term_id, part, kind, entry.msgstr, text)))
    # Everything checked: only now touch the catalogs.
    for entry, text, _change in planned:
        entry.msgstr = text
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if not fuzzy and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    touched = {change.language for _entry, _text, change in planned}
    require_writable([glossary_catalog(locale_dir, lang) for lang in touched])  # all or none
    for lang in sorted(touched):
        write_catalog(catalogs[lang], glossary_catalog(locale_dir, lang))
    return [change for _entry, _text, change in planned]


def write_export(text: str, output: Path) -> None:
    """Write an export file for others to open (atomically, with the usual mode)."""
    write_text_atomically(output, text)
