"""Automatic fixes of catalogs: Zawgyi-encoded Burmese/Shan converted to Unicode.

A converted translation is flagged fuzzy, so a translator reviews it before it
is published, and its original text is kept in a translator comment: nothing
a translator typed is ever lost.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog_lock import catalogs_lock
from .catalogs import read_catalog, write_catalog
from .checks.core import msgid_line
from .checks.zawgyi import THRESHOLD, is_confident_zawgyi, zawgyi_probability

ORIGINAL_NOTE = "Zawgyi original (converted by mmn-i18n fix zawgyi): "


@dataclass(frozen=True)
class Conversion:
    line: int
    msgid: str
    before: str
    after: str


@dataclass(frozen=True)
class FixResult:
    path: Path
    converted: tuple[Conversion, ...]
    skipped: tuple[tuple[int, str], ...]  # (line, why it was left alone)
    written: bool


@lru_cache(maxsize=1)
def _converter():
    import icu  # ICU's own Zawgyi→Unicode transform, maintained with CLDR

    return icu.Transliterator.createInstance("Zawgyi-my")


def zawgyi_to_unicode(text: str) -> str:
    """Convert Zawgyi-encoded text to Unicode (other scripts pass through).

    >>> zawgyi_to_unicode("ျမန္မာ")
    'မြန်မာ'
    """
    return _converter().transliterate(text)


def fix_zawgyi(path: Path | str, include_short: bool = False, dry_run: bool = False) -> FixResult:
    """Convert the Zawgyi translations of one catalog to Unicode, fuzzy-flagged."""
    path = Path(path)
    with catalogs_lock([path]):  # the workspace server saves under the same lock
        return _fix_zawgyi(path, include_short, dry_run)


def _fix_zawgyi(path: Path, include_short: bool, dry_run: bool) -> FixResult:
    catalog = read_catalog(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    converted: list[Conversion] = []
    skipped: list[tuple[int, str]] = []
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        line = msgid_line(lines, entry.linenum)
        texts = dict(entry.msgstr_plural) if entry.msgid_plural else {None: entry.msgstr}
        originals = []
        for form, text in texts.items():
            if not text or zawgyi_probability(text) < THRESHOLD:
                continue
            if not (is_confident_zawgyi(text) or include_short):
                skipped.append((line, "short text, the detector is unsure "
                                "(review it, or ask for short texts to be converted too)"))
                continue
            unicode_text = zawgyi_to_unicode(text)
            if zawgyi_probability(unicode_text) >= 0.5:
                skipped.append((line, "the converted text still looks like Zawgyi; retype it"))
                continue
            if form is None:
                entry.msgstr = unicode_text
            else:
                entry.msgstr_plural[form] = unicode_text
            originals.append(text if form is None else f"msgstr[{form}] {text}")
            converted.append(Conversion(line, entry.msgid, text, unicode_text))
        if originals:
            notes = [ORIGINAL_NOTE + original.replace("\n", "\\n") for original in originals]
            entry.tcomment = "\n".join([*filter(None, [entry.tcomment]), *notes])
            if "fuzzy" not in entry.flags:
                entry.flags.insert(0, "fuzzy")
    written = bool(converted) and not dry_run and write_catalog(catalog, path)
    return FixResult(path, tuple(converted), tuple(skipped), written)


def fix_zawgyi_files(paths: list[Path], include_short: bool = False, dry_run: bool = False) -> list[FixResult]:
    """fix_zawgyi on each catalog, all or none: every one readable, and writable, before the first is changed."""
    from ..textfiles import require_writable

    for path in paths:
        read_catalog(path)
    if not dry_run:
        require_writable(paths)
    return [fix_zawgyi(path, include_short=include_short, dry_run=dry_run) for path in paths]
