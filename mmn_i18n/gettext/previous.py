"""Bring back the previous English of fuzzy entries that another tool dropped.

`sphinx-intl update` (Babel) marks a changed paragraph's translation fuzzy but
never writes the English it was made for (`#| msgid`), and msgmerge cannot add
it later: the entry already has the new English. The templates' git history
still has the old English: in the newest committed template that does not
have the entry's English yet, the message closest to it that is gone now
(difflib, as Babel matches) is taken as the previous msgid. Outside git, or
for an entry whose English is not new, nothing is guessed.
"""
from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import polib

from ..subprocesses import GIT_SECONDS, run

HISTORY = 5  # commits of a template searched for vanished messages
CUTOFF = 0.6  # what Babel's fuzzy matching requires too


def template_history(pot: Path) -> list[str]:
    """The texts of pot in its last commits (newest first); [] outside a git work tree."""
    try:
        top = run(["git", "rev-parse", "--show-toplevel"], GIT_SECONDS, "git rev-parse", cwd=pot.parent,
                  check=True).stdout.strip()
        relative = pot.resolve().relative_to(Path(top).resolve()).as_posix()
        commits = run(["git", "log", f"-n{HISTORY}", "--format=%H", "--", relative], GIT_SECONDS,
                      f"git log of {relative}", cwd=top, check=True).stdout.split()
        return [run(["git", "show", f"{commit}:{relative}"], GIT_SECONDS, f"git show of {relative}",
                    cwd=top, check=True).stdout for commit in commits]
    except (OSError, ValueError, subprocess.CalledProcessError):
        return []


def recover_previous(catalog: polib.POFile, pot: Path) -> int:
    """Set previous_msgid on fuzzy entries that lack it, from the template's history; how many."""
    orphans = [entry for entry in catalog if "fuzzy" in entry.flags and entry.msgstr and not entry.obsolete
               and entry.msgid and not entry.previous_msgid]
    if not orphans:
        return 0
    current = {entry.msgid for entry in catalog if not entry.obsolete}
    versions = [{entry.msgid for entry in polib.pofile(text) if entry.msgid} for text in template_history(pot)]
    recovered = 0
    for entry in orphans:
        # The newest template version without this English is the one it
        # replaced a message of; a fuzzy entry whose English was always there
        # was marked by hand, and gets nothing.
        before = next((msgids for msgids in versions if entry.msgid not in msgids), None)
        if before is None:
            continue
        match = difflib.get_close_matches(entry.msgid, sorted(before - current), n=1, cutoff=CUTOFF)
        if match:
            entry.previous_msgid = match[0]
            recovered += 1
    return recovered
