"""Errors the user can act on, the one "problem at file:line" type, and the one path printer.

Core errors are plain exceptions: the command line (mmn_i18n.interfaces.cli)
prints them as one line and maps them to exit codes; the workspace server
sends their text. No core message names a command-line option.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class MmnError(Exception):
    """Bad input or a missing prerequisite: the command could not run (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, details: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)  # lines shown above the message (e.g. every other problem found)

    def __str__(self) -> str:
        return self.message


class CommandFailed(MmnError):
    """The command ran and found problems (a build that failed, a threshold not met): exit 1."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One problem in one file, at a line when a line means something, and what to do about it.

    The catalog reader's errors, the catalogs coverage could not count, the
    publications' fields and the unsafe translations a build refuses are all
    one of these; str() is `path:line: [severity: ]problem[ fix]`.
    """

    path: Path | str
    line: int | None
    problem: str
    fix: str = ""  # what to do about it, the same words every command prints
    severity: str | None = None  # "error" or "warning" where a command reports both
    # The catalog entry whose translation caused it, when it is found in a language's build: a
    # translator works in the .po file, not the English .rst the build names (catalog_line: its msgstr).
    catalog: Path | str = ""
    catalog_line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity != "warning"

    def where(self, base: Path | str | None = None) -> str:
        """file:line, the file as given, or relative to base when it is below it."""
        path = str(self.path) if base is None or not str(self.path) else shown_path(self.path, base)
        return f"{path}:{self.line}" if self.line else path

    def text(self, base: Path | str | None = None) -> str:
        """`path:line: [severity: ]problem[ fix]`; with a catalog entry, its file:line first (editors jump there)."""
        where, label = self.where(base), f"{self.severity}: " if self.severity else ""
        text = (f"{where}: " if where else "") + f"{label}{self.problem}" + (f" {self.fix}" if self.fix else "")
        if not self.catalog:
            return text
        catalog = str(self.catalog) if base is None else shown_path(self.catalog, base)
        place = f"{catalog}:{self.catalog_line}" if self.catalog_line else catalog
        return f"{place}: in the translation of {text}"

    def __str__(self) -> str:
        return self.text()


def shown_path(path: Path | str, base: Path | str | None = None) -> str:
    """A path as a user reads it: relative to base (default: the working directory) when below it, else as given."""
    base = Path.cwd() if base is None else Path(base)
    try:
        return Path(os.path.abspath(path)).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


class CatalogError(MmnError):
    """A .po or .pot file that cannot be read; names the file and line."""

    def __init__(self, path: object, line: int | None, problem: str, fix: str = "") -> None:
        self.found = Problem(str(path), line, problem, fix)
        super().__init__(str(self.found))

    @property
    def path(self) -> str:
        return str(self.found.path)

    @property
    def line(self) -> int | None:
        return self.found.line

    @property
    def problem(self) -> str:
        return self.found.problem

    @property
    def fix(self) -> str:
        return self.found.fix
