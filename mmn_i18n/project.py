"""The project on disk: its folders, its languages and its documents."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MmnError
from .languages import SOURCE_LANGUAGE, Language, get_language, require_project_language
from .settings import check_settings, setting_lines, where
from .textfiles import InputError, filesystem_error, read_text

CONFIG_TABLE = "mmn-i18n"


class ProjectNotFound(MmnError):
    """No pyproject.toml with a [tool.mmn-i18n] table here or above."""


@dataclass(frozen=True)
class Document:
    """One publication: a source file and the metadata at its top."""

    name: str  # the Sphinx docname, e.g. "statement-migrants-day-2015"
    path: Path
    kind: str = ""
    date: str = ""
    publish_in: tuple[str, ...] = ()
    # {field name: its line}: for every file-wide field at the top, so problems are named at file:line
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    field_counts: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Project:
    root: Path
    language_codes: tuple[str, ...]
    source_language: str = SOURCE_LANGUAGE
    source_dir_name: str = "source"
    locale_dir_name: str = "locale"
    build_dir_name: str = "_build"
    settings: dict = field(default_factory=dict, compare=False, hash=False)
    setting_lines: dict = field(default_factory=dict, compare=False, hash=False)  # settings.setting_lines

    def setting_where(self, *keys: str) -> str:
        """pyproject.toml:LINE of a setting below [tool.mmn-i18n] (readiness, statement...)."""
        return where(self.root / "pyproject.toml", self.setting_lines, *keys)

    @property
    def source_dir(self) -> Path:
        return self.root / self.source_dir_name

    @property
    def locale_dir(self) -> Path:
        return self.root / self.locale_dir_name

    @property
    def pot_dir(self) -> Path:
        return self.locale_dir / "pot"

    @property
    def build_dir(self) -> Path:
        return self.root / self.build_dir_name

    @property
    def languages(self) -> list[Language]:
        return [get_language(code) for code in self.language_codes]

    def select_languages(self, codes: tuple[str, ...] | list[str] = ()) -> list[Language]:
        """The languages named (each checked), or all of the project's."""
        if not codes:
            return self.languages
        return [require_project_language(code, list(self.language_codes)) for code in codes]

    def catalog_dir(self, code: str) -> Path:
        return self.locale_dir / code / "LC_MESSAGES"

    def documents(self) -> list[Document]:
        """Every source document, with its metadata, in name order."""
        if not self.source_dir.is_dir():
            raise MmnError(f"{self.source_dir}: source directory not found. Create it or set source-dir "
                           f"({self.setting_where('source-dir')}).")
        docs = []
        for path in source_files(self.source_dir):
            name = path.relative_to(self.source_dir).with_suffix("").as_posix()
            if any(part.startswith(("_", ".")) for part in name.split("/")):
                continue
            docs.append(read_document(name, path))
        return docs


def source_files(source_dir: Path) -> list[Path]:
    """Every .rst below source_dir, in name order, following links to folders as Sphinx does.

    A link that leads back into a folder above it (Sphinx would walk it until the
    path is too long), a dangling link and a folder that cannot be listed are each
    an InputError naming the link or folder.
    """
    def walk_error(error: OSError) -> None:
        raise filesystem_error(error.filename, error)

    found = []
    for folder, subfolders, files in os.walk(source_dir, onerror=walk_error, followlinks=True):
        real = Path(folder).resolve()
        for sub in sorted(subfolders):
            link = Path(folder) / sub
            if link.is_symlink() and (real == link.resolve() or link.resolve() in real.parents):
                raise InputError(f"{link}: a loop of symbolic links (it leads back to {link.resolve()}). "
                                 "Remove the link or point it outside the folder.")
        for name in files:
            path = Path(folder) / name
            if name.endswith(".rst"):
                found.append(path)
    return sorted(found)


FIELD = re.compile(r"^:([\w-]+):\s*(.*?)\s*$")


def read_document(name: str, path: Path) -> Document:
    """Read the file-wide metadata fields that open a document (the whole file must be UTF-8)."""
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        match = FIELD.match(line)
        if not match:
            if line.strip():
                break
            continue
        fields[match.group(1)] = match.group(2)
        lines[match.group(1)] = number
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return Document(
        name=name,
        path=path,
        kind=fields.get("kind", ""),
        date=fields.get("date", ""),
        publish_in=tuple(fields.get("publish-in", "").split()),
        field_lines=lines,
        field_counts=counts,
    )


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        config = folder / "pyproject.toml"
        if config.is_file() and f"[tool.{CONFIG_TABLE}]" in read_text(config):
            return folder
    raise ProjectNotFound(
        f"No pyproject.toml with a [tool.{CONFIG_TABLE}] table in {start} or above. "
        "Run mmn-i18n from inside the project."
    )


def load_project(path: Path | str | None = None) -> Project:
    root = find_root(Path(path or Path.cwd()).resolve())
    config_path = root / "pyproject.toml"
    text = read_text(config_path)
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MmnError(toml_error(config_path, error)) from None
    settings = config.get("tool", {}).get(CONFIG_TABLE, {})
    check_settings(settings, config_path, text)
    codes = tuple(settings.get("languages", ()))
    return Project(
        root=root,
        language_codes=codes,
        source_language=settings.get("source-language", SOURCE_LANGUAGE),
        source_dir_name=settings.get("source-dir", "source"),
        locale_dir_name=settings.get("locale-dir", "locale"),
        build_dir_name=settings.get("build-dir", "_build"),
        settings=settings,
        setting_lines=setting_lines(text),
    )


TOML_AT = re.compile(r"^(?P<problem>.*?) \(at line (?P<line>\d+), column \d+\)$")


def toml_error(config_path: Path, error: tomllib.TOMLDecodeError) -> str:
    """pyproject.toml:LINE: the TOML problem (tomllib puts the line at the end of its message)."""
    match = TOML_AT.match(str(error))
    if match:
        return f"{config_path}:{match['line']}: invalid TOML: {match['problem']}. Fix the TOML syntax."
    return f"{config_path}: invalid TOML: {error}. Fix the TOML syntax."
