"""The project on disk: its folders, its languages and its documents."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MmnError
from .languages import SOURCE_LANGUAGE, Language, get_language, require_project_language

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


@dataclass(frozen=True)
class Project:
    root: Path
    language_codes: tuple[str, ...]
    source_language: str = SOURCE_LANGUAGE
    source_dir_name: str = "source"
    locale_dir_name: str = "locale"
    build_dir_name: str = "_build"
    settings: dict = field(default_factory=dict, compare=False, hash=False)

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
            raise MmnError(f"{self.source_dir}: source directory not found. Create it or set source-dir in pyproject.toml.")
        docs = []
        for path in sorted(self.source_dir.rglob("*.rst")):
            name = path.relative_to(self.source_dir).with_suffix("").as_posix()
            if any(part.startswith(("_", ".")) for part in name.split("/")):
                continue
            docs.append(read_document(name, path))
        return docs


FIELD = re.compile(r"^:([\w-]+):\s*(.*?)\s*$")


def read_document(name: str, path: Path) -> Document:
    """Read the file-wide metadata fields that open a document."""
    fields: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            match = FIELD.match(line)
            if not match:
                if line.strip():
                    break
                continue
            fields[match.group(1)] = match.group(2)
    return Document(
        name=name,
        path=path,
        kind=fields.get("kind", ""),
        date=fields.get("date", ""),
        publish_in=tuple(fields.get("publish-in", "").split()),
    )


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        config = folder / "pyproject.toml"
        if config.is_file() and f"[tool.{CONFIG_TABLE}]" in config.read_text(encoding="utf-8"):
            return folder
    raise ProjectNotFound(
        f"No pyproject.toml with a [tool.{CONFIG_TABLE}] table in {start} or above. "
        "Run mmn-i18n from inside the project, or pass --project DIR."
    )


def load_project(path: Path | str | None = None) -> Project:
    root = find_root(Path(path or Path.cwd()).resolve())
    config_path = root / "pyproject.toml"
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise MmnError(f"{config_path}: {error}. Fix the TOML syntax.") from None
    settings = config.get("tool", {}).get(CONFIG_TABLE, {})
    codes = tuple(settings.get("languages", ()))
    for code in codes:
        get_language(code)  # an unknown code in the configuration is an error early
    return Project(
        root=root,
        language_codes=codes,
        source_language=settings.get("source-language", SOURCE_LANGUAGE),
        source_dir_name=settings.get("source-dir", "source"),
        locale_dir_name=settings.get("locale-dir", "locale"),
        build_dir_name=settings.get("build-dir", "_build"),
        settings=settings,
    )
