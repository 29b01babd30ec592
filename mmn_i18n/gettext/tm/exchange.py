"""Moving memory in and out of the project as TMX files.

Export writes the project's finished translations (fuzzy ones are left out:
a TMX unit is taken as good by every tool that reads it). Import checks the
file reads as TMX, then keeps a copy in `tm/imported/`, where the memory
reads it: imported units become suggestions, never catalog entries.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ...errors import MmnError
from ...textfiles import write_bytes_atomically
from .memory import IMPORTED_FOLDER, TranslationMemory
from .tmx import read_tmx, write_tmx


def _tool_version() -> str:
    try:
        return version("mmn-i18n")
    except PackageNotFoundError:
        return "0"


def export_tmx(memory: TranslationMemory, languages: list[str] | None = None) -> tuple[bytes, int]:
    """TMX 1.4b of the finished catalog translations of these languages (default: all); and the unit count."""
    units = [(unit.language, unit.source, unit.translation,
              {"x-document": unit.document, "x-reviewed": "yes" if unit.reviewed else "no"})
             for code in (languages or memory.languages()) for unit in memory.units(code)
             if not unit.fuzzy and not unit.document.startswith("tmx:")]
    return write_tmx(units, _tool_version()), len(units)


@dataclass(frozen=True)
class ImportResult:
    stored: Path
    units: int
    languages: tuple[str, ...]
    unchanged: bool  # the same file was imported before


def import_tmx(project, source: Path | str) -> ImportResult:
    """Check a TMX file and keep a copy in the project's tm/imported/ (never in the catalogs)."""
    source = Path(source)
    if source.suffix.lower() != ".tmx":
        raise MmnError(f"{source}: expected a .tmx file (TMX 1.4). Export your memory as TMX first.")
    units = read_tmx(source)  # refuses a file that is not TMX, naming the line
    if not units:
        raise MmnError(f"{source}: no translation units with a source and a translation; nothing to import.")
    data = source.read_bytes()
    folder = project.root / IMPORTED_FOLDER
    target = folder / source.name
    number = 2
    while target.exists() and target.read_bytes() != data:
        target = folder / f"{source.stem}-{number}.tmx"  # never overwrite an earlier import
        number += 1
    unchanged = target.exists()
    if not unchanged:
        write_bytes_atomically(target, data)  # the file as given, byte for byte (a TMX may be UTF-16)
        if read_tmx(target) != units:
            raise MmnError(f"{target}: the stored copy does not read back as {source}; remove it and import again.")
    return ImportResult(target, len(units), tuple(sorted({unit.language for unit in units})), unchanged)


