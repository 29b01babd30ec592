"""Second reading of translations, recorded in the catalogs themselves.

An approval is a translator comment on the entry (the shared `mmn-` convention):

    # mmn-reviewed: Nang Seng, 2026-12-05, 3f9a0c41b2de

The hash binds the approval to the exact text approved: msgctxt, msgid,
msgid_plural and every msgstr. Translator comments survive GNU msgcat and
msgmerge, powrap, Poedit and sphinx-intl (Babel), so the record travels with
the catalog and reads well in a git diff; when the English or the translation
changes, the hash no longer matches and the approval is void (stale). A stale
record is ignored when counting and replaced by the next approval; `update`
leaves it in place, so the diff still shows who approved the earlier text.

Core functions only: they return values, the CLI prints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polib

from .approval import MARK, RECORD, text_hash
from .catalog_lock import catalog_lock
from .catalogs import catalog_files, document_of, read_catalog, write_catalog
from ..errors import MmnError
from ..project import Project


def _msgstrs(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def review_hash(entry: polib.POEntry) -> str:
    return text_hash(entry.msgctxt, entry.msgid, entry.msgid_plural or None, _msgstrs(entry))


@dataclass(frozen=True)
class Approval:
    name: str
    date: str
    hash: str


def approvals(entry: polib.POEntry) -> list[Approval]:
    """Every `# mmn-reviewed:` record on the entry, valid or stale."""
    found = []
    for line in (entry.tcomment or "").splitlines():
        match = RECORD.match(line.strip())
        if match:
            found.append(Approval(match["name"], match["date"], match["hash"]))
    return found


def is_translated(entry: polib.POEntry) -> bool:
    """msgfmt's rule: the first msgstr has text."""
    first = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    return bool(first)


def is_reviewed(entry: polib.POEntry) -> bool:
    """A valid approval of the entry's current text, on a translated, non-fuzzy, active entry."""
    if entry.obsolete or "fuzzy" in entry.flags or not is_translated(entry) or MARK not in (entry.tcomment or ""):
        return False
    current = review_hash(entry)
    return any(record.hash == current for record in approvals(entry))


def reviewer(entry: polib.POEntry) -> Approval | None:
    current = review_hash(entry)
    return next((record for record in approvals(entry) if record.hash == current), None)


def _set_approval(entry: polib.POEntry, by: str, day: str) -> None:
    """Replace every earlier record (stale or not) with one for the current text."""
    kept = [line for line in (entry.tcomment or "").splitlines() if not line.strip().startswith(MARK)]
    kept.append(f"{MARK} {by}, {day}, {review_hash(entry)}")
    entry.tcomment = "\n".join(kept)


@dataclass(frozen=True)
class ReviewResult:
    path: Path
    approved: tuple[str, ...]  # msgids newly approved (or re-approved after a change)
    already: tuple[str, ...]  # msgids whose current text was already approved
    skipped: tuple[str, ...]  # with --all: fuzzy or untranslated msgids left alone
    written: bool


def _check_name(by: str) -> str:
    name = " ".join(by.split())
    if not name or "," in name or name.startswith("#"):
        raise MmnError(f"Reviewer name {by!r}: give a name without commas (it is stored as "
                       "'# mmn-reviewed: NAME, DATE, HASH').")
    return name


def catalog_for(project: Project, lang: str, document: str) -> Path:
    project.select_languages([lang])  # an unknown language is an error naming the project's
    path = project.catalog_dir(lang) / f"{document}.po"
    if not path.is_file():
        raise MmnError(f"{path}: no such catalog. Check the document name (`mmn-i18n status`) "
                       f"or run `mmn-i18n update -l {lang}`.")
    return path


def approve(project: Project, lang: str, document: str, msgids: list[str] | None, by: str,
            today: date | str | None = None) -> ReviewResult:
    """Record that `by` read these entries (None: every translated, non-fuzzy one) against the English.

    A named entry that is fuzzy, untranslated or absent stops the call with
    no file changed. The catalog is written through write_catalog (atomic,
    gettext's layout).
    """
    name, day = _check_name(by), _review_day(today)
    path = catalog_for(project, lang, document)
    with catalog_lock(project.root, path):  # the workspace server saves under the same lock
        return _approve_in(path, read_catalog(path), msgids, name, day)


def _review_day(today: date | str | None) -> str:
    day = (today if isinstance(today, str) else (today or date.today()).isoformat())
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise MmnError(f"Review date {day!r}: use YYYY-MM-DD.")
    return day


def record_approval(entry: polib.POEntry, by: str, today: date | str | None = None) -> bool:
    """Approve one entry in place (any entry: msgctxt, plural forms); False when already approved.

    For a caller that reads and writes the catalog itself (the workspace,
    under the catalog's lock). A fuzzy or untranslated entry is an MmnError.
    """
    name, day = _check_name(by), _review_day(today)
    if "fuzzy" in entry.flags or not is_translated(entry):
        raise MmnError("Only a finished translation can be approved: translate it and clear fuzzy first.")
    if is_reviewed(entry) and len(approvals(entry)) == 1:
        return False
    _set_approval(entry, name, day)
    return True


def _approve_in(path: Path, catalog: polib.POFile, msgids: list[str] | None, name: str, day: str) -> ReviewResult:
    active = [entry for entry in catalog if not entry.obsolete and entry.msgid]
    if msgids is None:
        chosen = [entry for entry in active if is_translated(entry) and "fuzzy" not in entry.flags]
        picked = {id(entry) for entry in chosen}
        skipped = tuple(entry.msgid for entry in active if id(entry) not in picked)
    else:
        by_msgid: dict[str, list[polib.POEntry]] = {}
        for entry in active:
            by_msgid.setdefault(entry.msgid, []).append(entry)
        missing = [msgid for msgid in msgids if msgid not in by_msgid]
        if missing:
            raise MmnError(f"{path}: no entry with msgid {_short(missing[0])!r}"
                           + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
                           + ". Copy the English exactly as in the catalog (`mmn-i18n review list`).")
        chosen = [entry for msgid in dict.fromkeys(msgids) for entry in by_msgid[msgid]]
        refused = [entry for entry in chosen if "fuzzy" in entry.flags or not is_translated(entry)]
        if refused:
            entry = refused[0]
            state = "fuzzy" if is_translated(entry) else "untranslated"
            raise MmnError(f"{path}:{entry.linenum}: {_short(entry.msgid)!r} is {state}; only a finished "
                           "translation can be approved. Finish it (and remove the fuzzy flag) first.")
        skipped = ()
    approved, already = [], []
    for entry in chosen:
        if is_reviewed(entry) and len(approvals(entry)) == 1:
            already.append(entry.msgid)
            continue
        _set_approval(entry, name, day)
        approved.append(entry.msgid)
    written = False
    if approved:
        written = write_catalog(catalog, path)
    return ReviewResult(path, tuple(approved), tuple(already), skipped, written)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@dataclass(frozen=True)
class Waiting:
    """A finished translation nobody has approved (or whose approval is stale)."""

    document: str
    path: Path
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    stale: tuple[Approval, ...]  # approvals of an earlier text

    def as_dict(self) -> dict:
        return {"document": self.document, "path": str(self.path), "line": self.line,
                "msgctxt": self.msgctxt, "msgid": self.msgid, "msgstr": self.msgstr,
                "stale_approvals": [{"name": a.name, "date": a.date} for a in self.stale]}


def waiting(project: Project, lang: str, document: str | None = None) -> list[Waiting]:
    """The translated, non-fuzzy entries without a valid approval, in catalog then file order."""
    if document is not None:
        paths = [catalog_for(project, lang, document)]
    else:
        project.select_languages([lang])
        paths = catalog_files(project.catalog_dir(lang))
    folder = project.catalog_dir(lang)
    found = []
    for path in paths:
        for entry in read_catalog(path):
            if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags or not is_translated(entry):
                continue
            if is_reviewed(entry):
                continue
            found.append(Waiting(document_of(path, folder), path, entry.linenum, entry.msgctxt, entry.msgid,
                                 _msgstrs(entry)[0], tuple(approvals(entry))))
    return found
