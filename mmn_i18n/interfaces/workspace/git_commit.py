"""`serve --git-commit`: each save becomes a commit of that one catalog, by the translator.

One commit at a time (git's index is one file for the whole repository), and
only the saved catalog in it (`git commit -- PATH`), so whatever else is staged
or changed in the working tree stays out. The author is the translator; the
committer is whoever runs the server. A failed commit does not undo the save:
the catalog on disk is the truth, and the next commit of that file carries it.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

from ...subprocesses import GIT_SECONDS, ToolTimeout, run

_GIT = threading.Lock()


def commit_save(root: Path, catalog: Path, by: str, msgid: str) -> str | None:
    """Commit one saved catalog; None when done, else git's complaint (one line)."""
    email = re.sub(r"[^a-z0-9]+", ".", by.casefold()).strip(".") or "translator"
    summary = " ".join(msgid.split())[:50]
    message = f"{catalog.relative_to(root).as_posix()}: {summary}\n\nSaved in the mmn-i18n workspace by {by}."
    with _GIT:
        # the committer: git's configured identity, else the workspace itself
        try:
            configured = run(["git", "config", "user.email"], GIT_SECONDS, "git config", cwd=root).stdout
        except ToolTimeout as error:
            return str(error)
        identity = [] if configured.strip() else ["-c", "user.name=mmn-i18n workspace",
                                                  "-c", "user.email=workspace@workspace.invalid"]
        for args in (["add", "--", str(catalog)],
                     ["commit", "--quiet", "--no-verify", f"--author={by} <{email}@workspace.invalid>",
                      "-m", message, "--", str(catalog)]):
            try:
                result = run(["git", *identity, *args], GIT_SECONDS, f"git {args[0]}", cwd=root)
            except ToolTimeout as error:
                return str(error)
            if result.returncode != 0:
                output = (result.stderr or result.stdout).strip().splitlines()
                return output[-1] if output else f"git {args[0]} failed"
    return None
