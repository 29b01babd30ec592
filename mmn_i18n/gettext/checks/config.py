"""Per-tree check settings: [tool.mmn-i18n.checks] in pyproject.toml, and --disable.

    [tool.mmn-i18n.checks]
    disable = ["copy"]                    # checks not run at all
    severity = {numbers = "warning"}      # error <-> warning

Unknown check ids or severities are refused with the file and line to fix.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ...errors import MmnError
from .core import CHECKS, Check, Severity


class UnknownCheck(MmnError):
    """A check id no check has (the command line adds how to list them)."""

TABLE = "[tool.mmn-i18n.checks]"


@dataclass(frozen=True)
class CheckSettings:
    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)  # check id -> "error" / "warning"
    origin: dict[str, str] = field(default_factory=dict)  # check id -> where its setting comes from

    def with_disabled(self, ids: Iterable[str], origin: str = "--disable") -> CheckSettings:
        ids = tuple(ids)
        _refuse_unknown(ids, origin)
        return dataclasses.replace(self, disabled=self.disabled | frozenset(ids),
                                   origin={**self.origin, **{check_id: origin for check_id in ids}})

    def apply(self, checks: Iterable[Check]) -> list[Check]:
        """The checks to run, with their configured severities."""
        return [dataclasses.replace(check, severity=Severity(self.severities[check.id]))
                if check.id in self.severities else check
                for check in checks if check.id not in self.disabled]


def _refuse_unknown(ids: Iterable[str], where: str, line: int | None = None) -> None:
    unknown = [check_id for check_id in ids if check_id not in CHECKS]
    if unknown:
        place = f"{where}:{line}" if line else where
        raise UnknownCheck(f"{place}: unknown check {', '.join(map(repr, unknown))}.")


def _line_of(config_path: Path, needle: str) -> int | None:
    """The line of needle inside the [tool.mmn-i18n.checks] table (for error messages)."""
    inside = False
    for number, line in enumerate(config_path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith(TABLE[:-1])  # the table or a sub-table of it
        elif inside and needle in line:
            return number
    return None


def settings_from_project(project) -> CheckSettings:
    """The project's [tool.mmn-i18n.checks] table, validated."""
    table = project.settings.get("checks", {}) if project is not None else {}
    if not table:
        return CheckSettings()
    config_path = project.root / "pyproject.toml"
    where = str(config_path)
    unknown_keys = [key for key in table if key not in ("disable", "severity")]
    if unknown_keys:
        raise MmnError(f"{where}:{_line_of(config_path, unknown_keys[0]) or '?'}: unknown setting "
                       f"{unknown_keys[0]!r} in {TABLE}; use disable = [...] or severity = {{id = \"warning\"}}.")
    disabled = table.get("disable", [])
    if not isinstance(disabled, list) or not all(isinstance(item, str) for item in disabled):
        raise MmnError(f"{where}:{_line_of(config_path, 'disable') or '?'}: disable must be a list of check ids.")
    for check_id in disabled:
        _refuse_unknown([check_id], where, _line_of(config_path, f'"{check_id}"'))
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise MmnError(f"{where}:{_line_of(config_path, 'severity') or '?'}: severity must be a table, "
                       'e.g. severity = {numbers = "warning"}.')
    for check_id, value in severities.items():
        _refuse_unknown([check_id], where, _line_of(config_path, check_id))
        if value not in ("error", "warning"):
            raise MmnError(f"{where}:{_line_of(config_path, check_id) or '?'}: severity of {check_id!r} is "
                           f"{value!r}; use \"error\" or \"warning\".")
    origin = {check_id: "pyproject.toml" for check_id in [*disabled, *severities]}
    return CheckSettings(frozenset(disabled), dict(severities), origin)
