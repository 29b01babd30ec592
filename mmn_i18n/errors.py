"""Errors the user can act on: printed as one line, never as a traceback."""
from __future__ import annotations

import click


class MmnError(click.ClickException):
    """Bad input or a missing prerequisite: the command could not run (exit 2)."""

    exit_code = 2


class CatalogError(MmnError):
    """A .po or .pot file that cannot be read; names the file and line."""

    def __init__(self, path: object, line: int | None, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}" + (f" {fix}" if fix else ""))
