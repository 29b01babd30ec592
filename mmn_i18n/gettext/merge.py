"""Merge the .pot templates into every language's .po catalogs, losing nothing.

GNU msgmerge does the merging, as sphinx-intl users and Poedit expect: a
changed paragraph keeps its old translation as fuzzy with the previous English
(`#| msgid`), a removed one stays as obsolete (`#~`), comments and flags
survive. What msgmerge does not know about, we add around it:

- the header is set from the language registry (Language, Plural-Forms, UTF-8);
- the previous English of fuzzy entries that `sphinx-intl update` dropped is
  recovered from the templates' git history (mmn_i18n/gettext/previous.py);
- a catalog whose document disappeared (deleted or renamed) is not deleted:
  its entries become obsolete, and before that it serves as a compendium, so a
  renamed document's new catalog starts with the old translations;
- a new entry whose English is already translated in another document of the
  same language starts with that translation, marked fuzzy (a translator
  decides whether it fits here) with a translator comment naming its origin,
  `# mmn-tm: from <document>` (a reviewed translation is preferred).
"""
from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import polib

from .catalog_lock import catalog_lock
from .catalogs import (catalog_files, catalog_text, document_of, migrate_legacy_flags, normalise, parse_catalog_text,
                       read_catalog, run_gettext, write_catalog_text)
from .coverage import decode
from ..errors import CatalogError, MmnError
from ..languages import Language
from ..project import Project
from ..textfiles import require_writable


@dataclass(frozen=True)
class UpdateResult:
    path: Path
    status: str  # "created", "updated", "unchanged" or "orphaned"
    filled: int = 0  # new entries given a fuzzy translation from another document
    went_fuzzy: int = 0  # translations that were done and now wait for review (their English changed)
    went_obsolete: int = 0  # entries whose English is gone (kept as #~)


def templates(project: Project) -> dict[str, Path]:
    if not project.pot_dir.is_dir() or not any(project.pot_dir.rglob("*.pot")):
        raise MmnError(f"No .pot files in {project.pot_dir}. Run `mmn-i18n extract` first.")
    return {path.relative_to(project.pot_dir).with_suffix("").as_posix(): path
            for path in sorted(project.pot_dir.rglob("*.pot"))}


def fresh_catalog(language: Language) -> polib.POFile:
    catalog = polib.POFile(wrapwidth=79)
    catalog.header = f"{language.english_name} ({language.native_name}) translation of the network's publications."
    catalog.metadata = {
        "Project-Id-Version": "mmn-i18n publications",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "",
        "Language-Team": f"{language.english_name} <{language.code}>",
        "Language": language.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms,
    }
    return catalog


def with_language_header(text: str, language: Language, path: Path) -> str:
    """The catalog text with the registry's Language and Plural-Forms."""
    catalog = parse_catalog_text(text, path)
    wanted = {
        "Language": language.code,
        "Plural-Forms": language.plural_forms,
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "MIME-Version": "1.0",
    }
    if all(catalog.metadata.get(key) == value for key, value in wanted.items()):
        return text
    catalog.metadata.update(wanted)
    return normalise(catalog_text(catalog), path)


def _with_previous_msgids(text: str, pot: Path, po: Path) -> str:
    """text with the previous English that sphinx-intl dropped, where git history has it."""
    from .previous import recover_previous

    if "#, fuzzy" not in text:
        return text
    catalog = parse_catalog_text(text, po)
    return normalise(catalog_text(catalog), po) if recover_previous(catalog, pot) else text


def merge_one(pot: Path, po: Path, language: Language, compendia: Iterable[Path]) -> tuple[str, str]:
    """The merged text for one catalog and whether it is new."""
    with tempfile.TemporaryDirectory() as scratch:
        base = po
        status = "updated"
        if not po.exists():
            base = Path(scratch) / "new.po"
            base.write_text(str(fresh_catalog(language)), encoding="utf-8")
            status = "created"
        else:
            # msgmerge drops flags it does not know: old ignore-<check> flags
            # become `# mmn-ignore:` comments, which it keeps, before merging.
            text = decode(po.read_bytes())  # read strictly before (update): cannot fail here
            migrated = migrate_legacy_flags(text)
            if migrated != text:
                base = Path(scratch) / "base.po"
                base.write_text(migrated, encoding="utf-8")
        out = Path(scratch) / "merged.po"
        args = ["msgmerge", "--quiet", "--previous", f"--lang={language.code}", "-o", str(out)]
        args += [f"--compendium={path}" for path in compendia]
        run_gettext([*args, str(base), str(pot)], po)
        text = _with_previous_msgids(out.read_text(encoding="utf-8"), pot, po)
    return with_language_header(text, language, po), status


def obsolete_all(po: Path) -> str:
    """A catalog whose document is gone: every entry kept, as obsolete."""
    catalog = read_catalog(po)
    for entry in catalog:
        entry.obsolete = True
    return normalise(catalog_text(catalog), po)


def refuse_unwritable(project: Project, languages: list[Language]) -> None:
    """Refuse before anything is written when a catalog update would replace, or its folder, cannot be written.

    update replaces many files: without this it could stop halfway, some rewritten and some not.
    """
    pots = templates(project)
    for language in languages:
        folder = project.catalog_dir(language.code)
        require_writable([*catalog_files(folder), *(folder / f"{name}.po" for name in pots)])


def update(project: Project, languages: list[Language],
           progress: Callable[[int, int], None] | None = None) -> list[UpdateResult]:
    """Create or update every catalog; one result per file, in the order written.

    Every existing catalog is parsed before anything is written, so one broken
    file stops the run with no file changed. The work is done before this
    returns (not a generator a caller could stop halfway, leaving some
    catalogs written and others not); progress(done, total) is called as
    each file is written.
    """
    pots = templates(project)
    for pot in pots.values():
        read_catalog(pot)
    before: dict[Path, polib.POFile] = {}
    for language in languages:
        folder = project.catalog_dir(language.code)
        for leftover in folder.rglob(".*.tmp") if folder.is_dir() else []:
            # from a run that was killed between write and rename; under the catalog's lock,
            # so the temporary file of a save in progress (the workspace server) is left be
            with catalog_lock(project.root, leftover.with_name(leftover.name[1:].rsplit(".", 2)[0])):
                leftover.unlink(missing_ok=True)
    memory: dict[str, dict[str, tuple[str, str]]] = {}
    known: dict[Path, set[tuple[str | None, str]]] = {}
    for language in languages:
        folder = project.catalog_dir(language.code)
        exact: dict[str, tuple[str, str, bool]] = {}
        for po in catalog_files(folder):
            catalog = read_catalog(po)
            before[po] = catalog
            known[po] = {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}
            _remember(exact, catalog, document_of(po, folder))
        memory[language.code] = {msgid: (text, document) for msgid, (text, document, _) in exact.items()}
    refuse_unwritable(project, languages)
    results: list[UpdateResult] = []

    def done(result: UpdateResult) -> None:
        results.append(result)
        if progress:
            progress(len(results), total)

    orphaned: dict[str, list[Path]] = {}  # catalogs whose document is gone: their entries go obsolete
    for language in languages:
        folder = project.catalog_dir(language.code)
        existing = {document_of(po, folder): po for po in catalog_files(folder)}
        orphaned[language.code] = [po for name, po in existing.items() if name not in pots and _has_active_entries(po)]
    total = len(languages) * len(pots) + sum(map(len, orphaned.values()))
    for language in languages:
        folder = project.catalog_dir(language.code)
        orphans = orphaned[language.code]
        for name, pot in pots.items():
            po = folder / f"{name}.po"
            compendia = orphans if not po.exists() else []
            with catalog_lock(project.root, po):  # the workspace server saves under the same lock
                if po in before:
                    before[po] = read_catalog(po)  # a save may have landed since the first reading
                old = before.get(po)
                text, status = merge_one(pot, po, language, compendia)
                text, filled = fill_from_memory(text, known.get(po, set()), memory[language.code], name, po)
                changed = write_merged(po, text, old)
            went_fuzzy, went_obsolete = _losses(old, parse_catalog_text(text, po)) if changed and old else (0, 0)
            done(UpdateResult(po, status if changed else "unchanged", filled, went_fuzzy, went_obsolete))
        for po in orphans:
            with catalog_lock(project.root, po):
                old = read_catalog(po)
                write_merged(po, obsolete_all(po), old)
            done(UpdateResult(po, "orphaned", went_obsolete=sum(1 for e in old if not e.obsolete and e.msgid)))
    return results


def _losses(before, after) -> tuple[int, int]:
    """(translations that went fuzzy, entries that went obsolete) between two versions of a catalog."""
    done = {(e.msgctxt, e.msgid) for e in before if not e.obsolete and e.msgid and e.translated()}
    active = {(e.msgctxt, e.msgid) for e in before if not e.obsolete and e.msgid}
    fuzzy = sum(1 for e in after if not e.obsolete and "fuzzy" in e.flags
                and ((e.previous_msgctxt or e.msgctxt, e.previous_msgid or e.msgid) in done))
    obsolete = sum(1 for e in after if e.obsolete and (e.msgctxt, e.msgid) in active)
    return fuzzy, obsolete


TM_NOTE = "mmn-tm: from "


def _remember(exact: dict[str, tuple[str, str, bool]], catalog: polib.POFile, document: str) -> None:
    """Add the finished singular translations of a catalog; a reviewed one wins over others."""
    from .review import is_reviewed

    for entry in catalog:
        if entry.obsolete or entry.msgctxt is not None or entry.msgid_plural or not entry.msgid:
            continue
        if not entry.msgstr or "fuzzy" in entry.flags:
            continue
        reviewed = is_reviewed(entry)
        if entry.msgid not in exact or (reviewed and not exact[entry.msgid][2]):
            exact[entry.msgid] = (entry.msgstr, document, reviewed)


def fill_from_memory(text: str, known: set[tuple[str | None, str]], memory: dict[str, tuple[str, str]],
                     document: str, path: Path) -> tuple[str, int]:
    """The merged catalog with its new untranslated entries filled (fuzzy) from other documents.

    Only entries that were not in the catalog before this merge: an entry a
    translator has seen and left empty stays as it is.
    """
    catalog = parse_catalog_text(text, path)
    filled = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid or entry.msgid_plural or entry.msgstr or entry.msgctxt is not None:
            continue
        if (entry.msgctxt, entry.msgid) in known or entry.msgid not in memory:
            continue
        translation, origin = memory[entry.msgid]
        if origin == document:
            continue
        entry.msgstr = translation
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        entry.tcomment = "\n".join([*filter(None, [entry.tcomment]), TM_NOTE + origin])
        filled += 1
    if not filled:
        return text, 0
    return normalise(catalog_text(catalog), path), filled


def write_merged(po: Path, text: str, old: polib.POFile | None) -> bool:
    """Write a merged catalog, verified, after checking it keeps every translation old had."""
    new = parse_catalog_text(text, po)
    if old is not None:
        kept = {value for entry in new for value in (entry.msgstr, *entry.msgstr_plural.values())}
        for entry in old:
            for value in (entry.msgstr, *entry.msgstr_plural.values()):
                if value and value not in kept:
                    raise CatalogError(po, entry.linenum, f"the merge would lose the translation of {entry.msgid[:40]!r}; "
                                       "this catalog was left as it was.", "Please report this as a bug.")
    return write_catalog_text(po, text, meant=new)


def _has_active_entries(po: Path) -> bool:
    return any(not entry.obsolete for entry in read_catalog(po))
