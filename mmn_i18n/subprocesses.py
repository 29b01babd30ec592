"""Every program mmn-i18n starts runs through run(): with a time limit, and one line when it is exceeded.

The limits are generous, per kind of program: they are there to stop a hung
process (a Sphinx extension waiting on the network, a fontconfig cache being
rebuilt by another process, a git asking for a password), not to hurry a
slow machine. A program that exceeds its limit is killed and ToolTimeout
names it: exit 2, one line, and the caller keeps nothing of what it wrote.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Sequence

from .errors import MmnError

# Seconds, per kind of program. A whole language's sphinx-build takes 2-60 s here and may take
# minutes on a slow machine; printing a language's PDFs runs Sphinx and then WeasyPrint on each.
SPHINX_SECONDS = 30 * 60
PDF_LANGUAGE_SECONDS = 90 * 60
GETTEXT_SECONDS = 120  # msgcat / msgfmt on one catalog: well under a second
GIT_SECONDS = 60  # git on the local repository: no network
FONTCONFIG_SECONDS = 60  # fc-list: seconds, unless it rebuilds its cache


class ToolTimeout(MmnError):
    """A program that did not finish in its time: it was stopped (exit 2)."""


def run(command: Sequence[str], seconds: float, what: str, cwd: Path | str | None = None,
        check: bool = False, input: str | None = None) -> subprocess.CompletedProcess:
    """Run command capturing its output as text; ToolTimeout (the program killed) after seconds.

    what: how the one line names the program, e.g. "sphinx-build (th)".
    check: raise subprocess.CalledProcessError on a non-zero exit, as subprocess.run does.
    input: text for the program's standard input.
    """
    try:
        return subprocess.run(list(command), capture_output=True, text=True, cwd=cwd, timeout=seconds, check=check,
                              input=input)
    except subprocess.TimeoutExpired:
        raise ToolTimeout(f"{what} did not finish within {seconds:g} s and was stopped; nothing it wrote is used. "
                          "Run the command again; if it stops again, report it.") from None
