"""Run the registered checks over catalogs and collect Findings."""
from __future__ import annotations

import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..catalogs import catalog_files, read_catalog
from ...errors import MmnError
from ...languages import Language, UnknownLanguage, get_language
from ..suppressions import ignored_checks
from .config import CheckSettings, UnknownCheck
from .core import CHECKS, Check, Context, Finding, Unit

NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
REST_SOURCES = (".rst", ".rest", ".txt")
# Entries that are not text to translate but gettext conventions: the
# translators' names and addresses (GNOME, KDE), free-form by design.
CONVENTIONS = frozenset({"translator-credits", "translator_credits", "TRANSLATORS", "Your names", "Your emails",
                         "NAME OF TRANSLATORS", "EMAIL OF TRANSLATORS"})
REST_MARKUP = re.compile(r":[a-z]+:`|`_|\]_|\|\w+\|")


def is_rest_catalog(catalog) -> bool:
    """Whether the messages are reStructuredText: extracted from .rst files by
    Sphinx, or using its markup. Markup checks skip other catalogs (Django's
    HTML strings, say), where `*` or a leading space mean nothing special."""
    for entry in catalog:
        if any(name.endswith(REST_SOURCES) for name, _ in entry.occurrences):
            return True
        if REST_MARKUP.search(entry.msgid):
            return True
    return False


def language_of(path: Path, header_language: str = "") -> Language:
    """A catalog's language: its <lang>/LC_MESSAGES folder, else its Language header."""
    if path.parent.name == "LC_MESSAGES":
        try:
            return get_language(path.parent.parent.name)
        except UnknownLanguage:
            pass
    for folder in path.parents:  # locale/<lang>/LC_MESSAGES/sub/doc.po
        if folder.name == "LC_MESSAGES":
            try:
                return get_language(folder.parent.name)
            except UnknownLanguage:
                break
    if header_language.strip():
        try:
            return get_language(header_language.strip().replace("-", "_"))
        except UnknownLanguage:
            pass
    raise MmnError(f"{path}: cannot tell the catalog's language. Put it under <lang>/LC_MESSAGES/ "
                   "or set its Language header.")


def _entry_is_rest(occurrences) -> bool | None:
    """reST when a `#:` reference names an .rst/.txt source, not when they all name
    other files (.md of MyST, .py, .html); None without references."""
    if not occurrences:
        return None
    return any(name.endswith(REST_SOURCES) for name, _ in occurrences)


def _unit(entry, line: int) -> Unit:
    if entry.msgid_plural:
        translations = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    else:
        translations = (entry.msgstr,)
    return Unit(
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural or "",
        translations=translations,
        flags=frozenset(entry.flags),
        ignored=ignored_checks(entry),
        line=line,
        occurrences=tuple((name, str(number)) for name, number in entry.occurrences),
        msgctxt=entry.msgctxt or "",
        rest=_entry_is_rest(entry.occurrences),
    )


def selected_checks(ids: Iterable[str] | None = None) -> list[Check]:
    if ids is None:
        return list(CHECKS.values())
    unknown = [check_id for check_id in ids if check_id not in CHECKS]
    if unknown:
        raise UnknownCheck(f"Unknown check {', '.join(unknown)}.")
    return [CHECKS[check_id] for check_id in ids]


def check_catalog(path: Path | str, checks: Iterable[Check] | None = None,
                  language: Language | None = None, termbase=None, run: dict | None = None) -> list[Finding]:
    """Every finding of the checks in one .po file, in line order.

    run: what the catalogs of one run share (Context.run); a fresh one by default.
    """
    path = Path(path)
    catalog = read_catalog(path)
    language = language or language_of(path, catalog.metadata.get("Language", ""))
    match = NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    ctx = Context(path=path, language=language, header=dict(catalog.metadata),
                  nplurals=int(match.group(1)) if match else language.nplurals,
                  catalog=catalog, termbase=termbase, rest=is_rest_catalog(catalog),
                  lines=path.read_text(encoding="utf-8", errors="replace").splitlines(),
                  run=run if run is not None else {})
    checks = list(checks) if checks is not None else list(CHECKS.values())
    findings: list[Finding] = []

    def add(check: Check, line: int, msgid: str, message: str) -> None:
        findings.append(Finding(path, line, language.code, msgid, check.id, check.severity, message))

    for check in checks:
        if check.scope == "catalog":
            for line, msgid, message in check.function(ctx):
                add(check, line, msgid, message)
    entry_checks = [check for check in checks if check.scope == "entry"]
    for entry in catalog:
        # Fuzzy and untranslated entries are not translations yet (Sphinx
        # shows the English for them), so there is nothing to check.
        if entry.obsolete or not entry.msgid or not entry.translated():
            continue
        for check, line, message in check_entry(entry, ctx, entry_checks):
            add(check, line, entry.msgid, message)
    findings.sort(key=lambda finding: finding.line)
    return findings


def check_entry(entry, ctx: Context, checks: Iterable[Check], line: int | None = None) -> Iterator[tuple[Check, int, str]]:
    """(check, line, message) for every finding of the entry checks on one translated entry.

    The one place an entry is checked: `check` on a catalog and the workspace's
    live findings as a translator types both come here.
    """
    if entry.msgid in CONVENTIONS or entry.msgctxt in CONVENTIONS:
        return
    unit = _unit(entry, ctx.entry_line(entry) if line is None else line)
    for check in checks:
        if check.scope != "entry" or check.id in unit.ignored:
            continue
        for message in check.function(unit, ctx):
            yield check, unit.line, message


def catalog_paths(paths: Iterable[Path]) -> list[Path]:
    """The .po files named, or found below the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.rglob("*.po"))
        elif path.is_file():
            found.append(path)
        else:
            raise MmnError(f"{path}: no such file or folder.")
    return found


def select_catalogs(codes: Iterable[str], locale_dir: Path | None, paths: Iterable[Path],
                    project=None) -> list[Path]:
    """The catalogs to check: those below paths, else those of locale_dir, else the project's, per language.

    codes: only these languages (each checked first, so a typo fails before
    anything is read); none means every language found (or the project's).
    """
    codes, paths = list(codes), list(paths)
    for code in codes:
        get_language(code)
    if paths:
        files = catalog_paths(paths)
        if codes:
            files = [path for path in files if _language_code(path) in codes]
        return files
    if locale_dir is None:
        locale_dir = project.locale_dir
        codes = [language.code for language in project.select_languages(codes)]
    else:
        codes = codes or sorted(folder.name for folder in locale_dir.iterdir() if (folder / "LC_MESSAGES").is_dir())
    return [path for code in codes for path in sorted((locale_dir / code / "LC_MESSAGES").rglob("*.po"))]


def _language_code(path: Path) -> str:
    from . import language_of

    try:
        return language_of(path).code
    except MmnError:
        return ""


def check_paths(paths: Iterable[Path], languages: Iterable[str] = (), checks: Iterable[Check] | None = None,
                termbase=None) -> list[Finding]:
    """Findings for every catalog below paths, optionally only those of some languages."""
    wanted = set(languages)
    checks = list(checks) if checks is not None else None
    findings: list[Finding] = []
    run: dict = {}
    for path in catalog_paths(paths):
        if wanted:
            catalog_language = _quick_language(path)
            if catalog_language and catalog_language not in wanted:
                continue
        findings += check_catalog(path, checks, termbase=termbase, run=run)
    return findings


def _quick_language(path: Path) -> str | None:
    for folder in path.parents:
        if folder.name == "LC_MESSAGES":
            return folder.parent.name
    return None


def check_language(locale_dir: Path, code: str, checks: Iterable[Check] | None = None,
                   termbase=None) -> list[Finding]:
    language = get_language(code)
    checks = list(checks) if checks is not None else None
    findings: list[Finding] = []
    run: dict = {}
    for path in catalog_files(locale_dir / code / "LC_MESSAGES"):
        findings += check_catalog(path, checks, language=language, termbase=termbase, run=run)
    return findings


# A pool worker's share of the run: set by the pool's initializer, so it lives
# in the worker process, which ends with the run (check_files' pool).
_worker_termbase = None
_worker_run: dict = {}


def _set_worker_termbase(termbase) -> None:
    global _worker_termbase, _worker_run
    _worker_termbase, _worker_run = termbase, {}


def _check_one(path: Path, check_ids: tuple[str, ...] | None, termbase=None,
               severities: dict[str, str] | None = None, run: dict | None = None) -> list[Finding] | str:
    termbase = termbase if termbase is not None else _worker_termbase
    checks = selected_checks(check_ids)
    if severities:
        checks = CheckSettings(severities=severities).apply(checks)
    try:
        return check_catalog(path, checks, termbase=termbase, run=run if run is not None else _worker_run)
    except MmnError as error:  # sent back as text: an error with its own arguments does not unpickle
        return str(error)


def check_files(paths: list[Path], check_ids: Iterable[str] | None = None, termbase=None,
                jobs: int | None = None, settings: CheckSettings | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Finding]:
    """Findings of many catalogs, spread over processes (one per core by default).

    settings: disabled checks and changed severities ([tool.mmn-i18n.checks],
    --disable). progress(done, total) is called as catalogs are finished.
    """
    ids = tuple(check_ids) if check_ids is not None else tuple(CHECKS)
    selected_checks(ids)  # unknown ids fail here, once
    severities: dict[str, str] = {}
    if settings is not None:
        ids = tuple(check.id for check in settings.apply(CHECKS[check_id] for check_id in ids))
        severities = {key: value for key, value in settings.severities.items() if key in ids}
    workers = min(jobs or os.cpu_count() or 1, max(1, len(paths) // 8))
    if threading.current_thread() is not threading.main_thread():
        workers = 1  # forking from a worker thread (a build, say) can deadlock
    results = []
    if workers <= 1:
        run: dict = {}
        for path in paths:
            results.append(_check_one(path, ids, termbase, severities, run))
            if progress:
                progress(len(results), len(paths))
    else:
        # The termbase goes to each worker once, not with every catalog; a
        # catalog goes as its path and comes back as its findings only.
        with ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_termbase,
                                 initargs=(termbase,)) as pool:
            # Biggest catalogs first, so no worker is left with a large one at the end.
            order = sorted(range(len(paths)), key=lambda index: -_size(paths[index]))
            chunks = pool.map(partial(_check_one, check_ids=ids, severities=severities),
                              [paths[index] for index in order], chunksize=2)
            by_index: dict[int, list[Finding] | str] = {}
            for index, result in zip(order, chunks):
                by_index[index] = result
                if progress:
                    progress(len(by_index), len(paths))
            results = [by_index[index] for index in range(len(paths))]
    findings: list[Finding] = []
    for result in results:
        if isinstance(result, str):
            raise MmnError(result)
        findings += result
    return findings


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
