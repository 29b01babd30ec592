"""Per-entry check suppressions, stored where every translator's tool keeps them.

A translator silences a check on one entry with a translator comment:

    # mmn-ignore: numbers, terminology

GNU msgcat/msgmerge, powrap, Poedit, sphinx-intl and translate-toolkit all
keep translator comments (`# ...`) as they are, whereas gettext drops flags it
does not know, such as the old `#, ignore-<check-id>` form. The old form is
still read, and `migrate_ignore_flags` turns it into the comment.
"""
from __future__ import annotations

import re

import polib

IGNORE_COMMENT = re.compile(r"^\s*mmn-ignore:\s*(.*?)\s*$", re.MULTILINE)
LEGACY_FLAG = "ignore-"


def ignored_checks(entry: polib.POEntry) -> frozenset[str]:
    """The check ids silenced on an entry, by comment or by the old flag.

    >>> entry = polib.POEntry(msgid="a", tcomment="mmn-ignore: numbers, links", flags=["ignore-script"])
    >>> sorted(ignored_checks(entry))
    ['links', 'numbers', 'script']
    """
    ids = {flag[len(LEGACY_FLAG):] for flag in entry.flags if flag.startswith(LEGACY_FLAG)}
    for match in IGNORE_COMMENT.finditer(entry.tcomment or ""):
        ids.update(part.strip() for part in match.group(1).split(",") if part.strip())
    return frozenset(ids)


def has_legacy_flags(text: str) -> bool:
    return f"#, {LEGACY_FLAG}" in text or f", {LEGACY_FLAG}" in text


def migrate_ignore_flags(catalog: polib.POFile) -> int:
    """Move every `#, ignore-<id>` flag into a `# mmn-ignore:` comment; how many entries changed."""
    changed = 0
    for entry in catalog:
        legacy = [flag for flag in entry.flags if flag.startswith(LEGACY_FLAG)]
        if not legacy:
            continue
        ids = sorted(ignored_checks(entry))
        entry.flags = [flag for flag in entry.flags if flag not in legacy]
        kept = [line for line in (entry.tcomment or "").split("\n") if line and not IGNORE_COMMENT.match(line)]
        entry.tcomment = "\n".join([*kept, f"mmn-ignore: {', '.join(ids)}"])
        changed += 1
    return changed
