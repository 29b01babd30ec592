"""Reading the termbase from disk: glossary/*.csv plus the vocabulary catalogs."""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from ..catalogs import read_catalog
from ...errors import MmnError
from ...textfiles import InputError, read_text
from .model import FIELDS, AvoidedTerm, LocalText, Term, Termbase

TERM_COLUMNS = ("id", "term", "part_of_speech", "category", "definition", "example",
                "related", "added", "avoid", "avoid_reason")
AVOID_COLUMNS = ("term_id", "avoid", "preferred", "note")
ID_FORM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The generated glossary page; its catalog holds the translated entries.
GLOSSARY_DOCNAME = "vocabulary/index"


class TermbaseError(MmnError):
    """A glossary file that cannot be used; the message names file and line."""


def read_sheet(path: Path, save_as: str = "UTF-8") -> str:
    """A CSV file's text (a spreadsheet's byte-order mark dropped), or a one-line error (file:line)."""
    try:
        return read_text(path, save_as=save_as, bom=True)
    except InputError as error:
        raise TermbaseError(error.message) from None


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    text = read_sheet(path)
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise TermbaseError(f"{path}:1: missing column(s) {', '.join(missing)}; "
                            f"the header must be {','.join(columns)}.")
    rows = []
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise TermbaseError(f"{path}:{reader.line_num}: wrong number of fields; "
                                "quote any field that contains a comma.")
        rows.append((reader.line_num, {k: v.strip() for k, v in row.items()}))
    return rows


def read_terms(path: Path) -> tuple[Term, ...]:
    """The English entries of terms.csv, checked: ids, dates, related ids, duplicates."""
    terms: list[Term] = []
    seen_ids: dict[str, int] = {}
    seen_terms: dict[str, int] = {}
    for line, row in _rows(path, TERM_COLUMNS):
        where = f"{path}:{line}"
        term_id = row["id"]
        if not ID_FORM.match(term_id):
            raise TermbaseError(f"{where}: id {term_id!r} must be lower-case words joined by hyphens.")
        if term_id in seen_ids:
            raise TermbaseError(f"{where}: id {term_id!r} is already used on line {seen_ids[term_id]}.")
        for column in ("term", "definition", "example", "category", "part_of_speech"):
            if not row[column]:
                raise TermbaseError(f"{where}: the {column} of {term_id!r} is empty; fill it in.")
        key = row["term"].casefold()
        if key in seen_terms:
            raise TermbaseError(f"{where}: term {row['term']!r} duplicates line {seen_terms[key]}.")
        try:
            date.fromisoformat(row["added"])
        except ValueError:
            raise TermbaseError(f"{where}: added date {row['added']!r} must be YYYY-MM-DD.") from None
        avoid = tuple(word.strip() for word in row["avoid"].split(";") if word.strip())
        if avoid and not row["avoid_reason"]:
            raise TermbaseError(f"{where}: {term_id!r} lists terms to avoid without a reason; add avoid_reason.")
        seen_ids[term_id] = line
        seen_terms[key] = line
        terms.append(Term(term_id, row["term"], row["part_of_speech"], row["category"],
                          row["definition"], row["example"], tuple(row["related"].split()),
                          row["added"], avoid, row["avoid_reason"], line))
    for term in terms:
        for related in term.related:
            if related not in seen_ids:
                raise TermbaseError(f"{path}:{term.line}: related id {related!r} of {term.id!r} "
                                    "is not in the termbase.")
    return tuple(terms)


def read_avoided(path: Path, lang: str, known_ids: set[str]) -> tuple[AvoidedTerm, ...]:
    """A language's own terms to avoid (glossary/avoid/<lang>.csv)."""
    avoided = []
    for line, row in _rows(path, AVOID_COLUMNS):
        if row["term_id"] not in known_ids:
            raise TermbaseError(f"{path}:{line}: term_id {row['term_id']!r} is not in the termbase.")
        if not row["avoid"] or not row["preferred"]:
            raise TermbaseError(f"{path}:{line}: both avoid and preferred must be filled in.")
        avoided.append(AvoidedTerm(lang, row["avoid"], row["term_id"], row["preferred"], row["note"], line))
    return tuple(avoided)


def english_index(terms: tuple[Term, ...]) -> dict[str, tuple[str, str]]:
    """English text (a catalog msgid) -> (term id, part)."""
    index: dict[str, tuple[str, str]] = {}
    for term in terms:
        for part in FIELDS:
            index.setdefault(term.english(part), (term.id, part))
    return index


def read_translations(po_path: Path, index: dict[str, tuple[str, str]]) -> dict[str, dict[str, LocalText]]:
    """term id -> part -> LocalText, from one language's glossary catalog."""
    found: dict[str, dict[str, LocalText]] = {}
    if not po_path.exists():
        return found
    for entry in read_catalog(po_path):
        if entry.obsolete or not entry.msgstr.strip() or entry.msgid not in index:
            continue
        term_id, part = index[entry.msgid]
        found.setdefault(term_id, {})[part] = LocalText(entry.msgstr, "fuzzy" in entry.flags)
    return found


def glossary_catalog(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{GLOSSARY_DOCNAME}.po"


def read_termbase(glossary_dir: Path, locale_dir: Path, languages: list[str]) -> Termbase:
    """Everything in one object; each language's catalog and avoid list are optional."""
    terms = read_terms(glossary_dir / "terms.csv")
    index = english_index(terms)
    ids = {term.id for term in terms}
    translations = {}
    avoided = {}
    for lang in languages:
        translations[lang] = read_translations(glossary_catalog(locale_dir, lang), index)
        avoid_path = glossary_dir / "avoid" / f"{lang}.csv"
        avoided[lang] = read_avoided(avoid_path, lang, ids) if avoid_path.exists() else ()
    return Termbase(terms, translations, avoided)


def load_termbase(project) -> Termbase:
    """The project's termbase: glossary/ at the project root, catalogs of every language."""
    return read_termbase(project.root / "glossary", project.locale_dir, list(project.language_codes))
