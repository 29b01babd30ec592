"""Where a language's catalogs are and which document each belongs to (no catalog reading here).

Kept apart from catalogs.py so that counting (gettext/coverage.py) finds the
files without importing the catalog reader and polib.
"""
from __future__ import annotations

from pathlib import Path


def catalog_files(folder: Path) -> list[Path]:
    """The .po files of one language folder (LC_MESSAGES), in a stable order."""
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


def document_of(po_path: Path, catalog_dir: Path) -> str:
    """The document name a catalog belongs to: its path below LC_MESSAGES."""
    return po_path.relative_to(catalog_dir).with_suffix("").as_posix()
