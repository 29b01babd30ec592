"""The [tool.mmn-i18n] settings of pyproject.toml: each one checked, each error at its line.

tomllib gives values but not where they are, so a small line finder maps
each key (and each table header) under [tool.mmn-i18n] to its line. A wrong
type, an unknown language, an unknown key: one line
`pyproject.toml:LINE: [tool.mmn-i18n] KEY ...` saying what the value must be.
The readiness rules are checked where they are read (mmn_i18n.publishing.readiness).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import MmnError
from .languages import SOURCE_LANGUAGE, get_language

TABLE = "tool.mmn-i18n"
FOLDER_KEYS = {"source-dir": "source", "locale-dir": "locale", "build-dir": "_build"}
# Every key the table may hold; a misspelt key would otherwise be ignored without a word.
KNOWN_KEYS = ("source-language", "languages", *FOLDER_KEYS, "readiness", "checks")  # checks: checks/config.py

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


class SettingError(MmnError):
    """A [tool.mmn-i18n] setting that is missing, mistyped or unknown; names pyproject.toml:line."""


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted))


def setting_lines(text: str) -> dict[tuple[str, ...], int]:
    """{key path below [tool.mmn-i18n]: line}; () is the table's own header."""
    lines: dict[tuple[str, ...], int] = {}
    prefix = _parts(TABLE)
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            path = _parts(header.group(1))
            table = path[len(prefix):] if path[:len(prefix)] == prefix else None
            if table is not None:
                lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key and table is not None:
            lines.setdefault(table + _parts(key.group(1)), number)
    return lines


def line_of(lines: dict[tuple[str, ...], int], *keys: str) -> int | None:
    """The line of a key; for a key inside an inline table, the line of the nearest key that has one."""
    for end in range(len(keys), -1, -1):
        if keys[:end] in lines:
            return lines[keys[:end]]
    return None


def where(config_path: Path, lines: dict[tuple[str, ...], int], *keys: str) -> str:
    line = line_of(lines, *keys)
    return f"{config_path}:{line}" if line else str(config_path)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def check_settings(settings: Any, config_path: Path, text: str) -> None:
    """Raise SettingError for the first setting that is not what mmn-i18n can use."""
    lines = setting_lines(text)

    def fail(key: str, message: str) -> SettingError:
        return SettingError(f"{where(config_path, lines, *key.split('.'))}: [{TABLE}] {message}")

    if not isinstance(settings, dict):
        raise fail("", f"must be a table, not {_shown(settings)}.")
    for key in settings:
        if key not in KNOWN_KEYS:
            raise fail(key, f"unknown setting {key!r}. Known settings: {', '.join(KNOWN_KEYS)}; "
                            "remove it or correct its name.")
    for key in FOLDER_KEYS:
        value = settings.get(key, FOLDER_KEYS[key])
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise fail(key, f"{key} must be a folder path (text), not {_shown(value)}.")
    source = settings.get("source-language", "en")
    if not isinstance(source, str):
        raise fail("source-language", f"source-language must be a language code (text), not {_shown(source)}.")
    codes = settings.get("languages", [])
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise fail("languages", f"languages must be a list of language codes, e.g. [\"th\", \"lo\"], not {_shown(codes)}.")
    for key, code in [("source-language", source), *(("languages", code) for code in codes)]:
        try:
            get_language(code)
        except MmnError as error:
            raise fail(key, f"{key}: {error.message}") from None
    if source != SOURCE_LANGUAGE:
        # Refused rather than half-honoured: the vocabulary's term column, the sites'
        # marks on untranslated text, PDFs, landing pages, TMX and the workspace
        # still take the sources to be English (README, "Source language").
        raise fail("source-language", f"source-language = {_shown(source)} is not supported: mmn-i18n's sites, "
                                      f"PDFs and vocabulary take the sources to be English. Remove the setting "
                                      f"or set it to \"{SOURCE_LANGUAGE}\".")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise fail("languages", f"languages names {', '.join(repeated)} more than once; list each language once.")
    if source in codes:
        raise fail("languages", f"languages includes the source language {source}; list only the translations.")
    if not isinstance(settings.get("readiness", {}), dict):
        raise fail("readiness", f"readiness must be a table of kind = {{min_percent = ..., no_errors = ...}}, "
                                f"not {_shown(settings['readiness'])}.")
