"""Translation memory: reuse what the project already translated, and find it by words.

`TranslationMemory.load(project)` builds (or reads from its cache) the memory
of every catalog and imported TMX file; `.suggest(lang, text)` and
`.search(lang, words)` answer with plain values. `exchange` reads and writes
TMX files and keeps imported ones in the project (`tm/imported/`).
"""
from __future__ import annotations

from .memory import TranslationMemory, Unit

__all__ = ["TranslationMemory", "Unit"]
