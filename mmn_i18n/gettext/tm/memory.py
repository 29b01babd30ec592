"""The translation memory: every translation the project holds, to suggest and to search.

Built from every catalog of every language (all documents and the
vocabulary; active entries, fuzzy ones marked as such; obsolete ones left
out) and from the TMX files imported into `tm/imported/`. Building means
parsing every catalog (a few seconds on a large project), so the units are
kept in `_build/tm/memory.json` with each file's size and modification time;
the next load re-reads only the files that changed, appeared or went away.

Suggestions score the English of every unit against the text with
rapidfuzz's normalised Indel similarity (0-100, 100 = the same text), which
runs in C++. Only English of a length that can reach a score is compared:
a similarity of s needs the shorter text to be at least s/(2-s) of the
longer, so the search first looks among lengths close to the text's for
matches scoring 90 or more, and widens to 75, then to the cut-off, only
when fewer than `limit` were found: the answer is the same as comparing
everything (benchmarks/tm.py times it at 100,000 units).
"""
from __future__ import annotations

import json
import math
import multiprocessing
from bisect import bisect_left, bisect_right
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..catalogs import catalog_files, document_of, read_catalog
from ...errors import MmnError
from ...textfiles import write_text_atomically
from ..review import is_reviewed, is_translated
from . import words as tm_words

CACHE_FORMAT = 1
IMPORTED_FOLDER = Path("tm") / "imported"  # below the project root; committed with the project
DEFAULT_CUTOFF = 50.0  # below this similarity a suggestion costs the translator more than it saves


@dataclass(frozen=True)
class Unit:
    language: str
    source: str
    translation: str
    document: str  # the catalog's document, or "tmx:<file name>" for an imported unit
    reviewed: bool
    fuzzy: bool


@dataclass
class _Language:
    """The units of one language, with the indexes built on first use."""

    units: list[Unit] = field(default_factory=list)
    by_source: dict[str, list[int]] | None = None
    by_length: list[str] | None = None  # the distinct English, shortest first
    lengths: list[int] | None = None
    tokens: list[list[str]] | None = None
    postings: dict[str, list[int]] | None = None

    def sources(self) -> dict[str, list[int]]:
        if self.by_source is None:
            by_source: dict[str, list[int]] = {}
            for index, unit in enumerate(self.units):
                by_source.setdefault(unit.source, []).append(index)
            # reviewed first, then finished before fuzzy, then catalogs before imports
            for indexes in by_source.values():
                indexes.sort(key=lambda i: (not self.units[i].reviewed, self.units[i].fuzzy,
                                            self.units[i].document.startswith("tmx:")))
            self.by_source = by_source
            self.by_length = sorted(by_source, key=len)
            self.lengths = [len(source) for source in self.by_length]
        return self.by_source

    def closest(self, text: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """The `limit` distinct English texts most similar to text (score >= cutoff), best first."""
        from rapidfuzz import fuzz, process

        self.sources()
        assert self.by_length is not None and self.lengths is not None
        size = len(text)
        for stage in (90.0, 75.0, cutoff):
            if stage < cutoff:
                continue
            share = stage / 100
            low = bisect_left(self.lengths, math.ceil(size * share / (2 - share) - 1e-9))
            high = bisect_right(self.lengths, math.floor(size * (2 - share) / share + 1e-9)) if share else len(self.lengths)
            matches = process.extract(text, self.by_length[low:high], scorer=fuzz.ratio, limit=limit,
                                      score_cutoff=stage)
            if len(matches) >= limit or stage == cutoff:
                return [(source, float(score)) for source, score, _ in matches]
        return []

    def word_index(self, lang: str) -> tuple[list[list[str]], dict[str, list[int]]]:
        if self.tokens is None or self.postings is None:
            tokens = [tm_words.words(unit.translation, lang) for unit in self.units]
            postings: dict[str, list[int]] = {}
            for index, unit_tokens in enumerate(tokens):
                for token in set(unit_tokens):
                    postings.setdefault(token, []).append(index)
            self.tokens, self.postings = tokens, postings
        return self.tokens, self.postings


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def catalog_units(path: Path) -> list[list]:
    """[source, translation, reviewed, fuzzy] for each translated, active entry of one catalog."""
    units = []
    for entry in read_catalog(path):
        if entry.obsolete or not entry.msgid or not is_translated(entry):
            continue
        translation = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        units.append([entry.msgid, translation, is_reviewed(entry), "fuzzy" in entry.flags])
    return units


class TranslationMemory:
    """Units by language; suggest() for an English text, search() for words in translations."""

    def __init__(self, units: Iterable[Unit] = ()) -> None:
        self._languages: dict[str, _Language] = {}
        for unit in units:
            self._languages.setdefault(unit.language, _Language()).units.append(unit)

    # --- building ---------------------------------------------------------

    @classmethod
    def load(cls, project) -> TranslationMemory:
        """The memory of a project (mmn_i18n.project.Project), from its cache where still valid."""
        return cls.from_files(project.locale_dir, project.language_codes,
                              project.build_dir / "tm" / "memory.json",
                              project.root / IMPORTED_FOLDER)

    @classmethod
    def from_files(cls, locale_dir: Path, languages: Iterable[str], cache_path: Path | None = None,
                   imported_dir: Path | None = None) -> TranslationMemory:
        """Read the catalogs of these languages (and imported TMX), reusing the cache for unchanged files."""
        from .tmx import read_tmx

        languages = tuple(languages)
        cache = _read_cache(cache_path)
        fresh: dict[str, dict] = {}
        to_read: list[tuple[str, Path]] = []
        for code in languages:
            folder = Path(locale_dir) / code / "LC_MESSAGES"
            for path in catalog_files(folder):
                key, stamp = str(path.resolve()), _stamp(path)
                cached = cache.get(key)
                if cached is None or cached["stamp"] != stamp or cached["language"] != code:
                    cached = {"kind": "catalog", "stamp": stamp, "language": code,
                              "document": document_of(path, folder), "units": None}
                    to_read.append((key, path))
                fresh[key] = cached
        for (key, _), units in zip(to_read, _read_all([path for _, path in to_read])):
            fresh[key]["units"] = units
        changed = bool(to_read)
        tmx_files = sorted(Path(imported_dir).glob("*.tmx")) if imported_dir and Path(imported_dir).is_dir() else []
        for path in tmx_files:
            key, stamp = str(path.resolve()), _stamp(path)
            cached = cache.get(key)
            if cached is None or cached["stamp"] != stamp:
                cached = {"kind": "tmx", "stamp": stamp, "document": f"tmx:{path.name}",
                          "units": [[tu.language, tu.source, tu.translation] for tu in read_tmx(path)]}
                changed = True
            fresh[key] = cached
        if changed or set(fresh) != set(cache):
            _write_cache(cache_path, fresh)
        return cls(_units(fresh, languages))

    # --- questions --------------------------------------------------------

    def languages(self) -> list[str]:
        return sorted(self._languages)

    def units(self, lang: str | None = None) -> list[Unit]:
        if lang is not None:
            return list(self._languages.get(lang, _Language()).units)
        return [unit for code in self.languages() for unit in self._languages[code].units]

    def __len__(self) -> int:
        return sum(len(memory.units) for memory in self._languages.values())

    def suggest(self, lang: str, text: str, limit: int = 5, cutoff: float = DEFAULT_CUTOFF) -> list[dict]:
        """The best translations of English close to text, best first.

        Each: {"source", "translation", "score" (0-100), "document", "reviewed", "fuzzy"}.
        One line per distinct translation of a source: the reviewed or
        finished one is shown before a fuzzy or imported copy.
        """
        memory = self._languages.get(lang)
        if memory is None or not text.strip() or limit < 1:
            return []
        by_source = memory.sources()
        found: list[dict] = []
        for source, score in memory.closest(text, limit, cutoff):
            seen = set()
            for index in by_source[source]:
                unit = memory.units[index]
                if unit.translation in seen:
                    continue
                seen.add(unit.translation)
                found.append({"source": unit.source, "translation": unit.translation,
                              "score": round(float(score), 1), "document": unit.document,
                              "reviewed": unit.reviewed, "fuzzy": unit.fuzzy})
        found.sort(key=lambda s: (-s["score"], not s["reviewed"], s["fuzzy"]))
        return found[:limit]

    def search(self, lang: str, words: str) -> list[dict]:
        """Translations holding these words as whole words, in order: [{"document", "msgid", "msgstr"}].

        A query typed in Zawgyi (Burmese, Shan) is also searched in Unicode.
        """
        memory = self._languages.get(lang)
        if memory is None:
            return []
        tokens, postings = memory.word_index(lang)
        hits: set[int] = set()
        for variant in tm_words.query_variants(words, lang):
            wanted = tm_words.words(variant, lang)
            if not wanted:
                continue
            candidates = set(postings.get(wanted[0], ()))
            for token in wanted[1:]:
                candidates &= set(postings.get(token, ()))
            hits.update(i for i in candidates if tm_words.contains_sequence(tokens[i], wanted))
        results, seen = [], set()
        for index in sorted(hits):
            unit = memory.units[index]
            key = (unit.document, unit.source, unit.translation)
            if key not in seen:
                seen.add(key)
                results.append({"document": unit.document, "msgid": unit.source, "msgstr": unit.translation})
        return results


PARALLEL_FROM = 40  # below this many catalogs to parse, starting workers costs more than it saves


def _read_all(paths: list[Path]) -> list[list[list]]:
    """catalog_units of every path, over one process per core when there are many (as coverage does)."""
    from ..coverage import default_jobs

    jobs = default_jobs()
    if jobs > 1 and len(paths) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(catalog_units, paths, chunksize=max(1, len(paths) // (jobs * 4))))
    return [catalog_units(path) for path in paths]


def _units(fresh: dict[str, dict], languages: tuple[str, ...]) -> list[Unit]:
    units = []
    for entry in fresh.values():
        if entry["kind"] == "catalog":
            units.extend(Unit(entry["language"], source, translation, entry["document"], bool(reviewed), bool(fuzzy))
                         for source, translation, reviewed, fuzzy in entry["units"])
        else:
            for language, source, translation in entry["units"]:
                code = _project_language(language, languages)
                if code:
                    units.append(Unit(code, source, translation, entry["document"], False, False))
    return units


def _project_language(code: str, languages: tuple[str, ...]) -> str | None:
    """An imported unit's language as a project code: th_TH -> th when the project has th only."""
    if code in languages:
        return code
    base = code.split("_")[0]
    return base if base in languages else None


def _read_cache(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: rebuild
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}
    return data.get("files", {})


def _write_cache(path: Path | None, files: dict[str, dict]) -> None:
    if path is None:
        return
    try:
        write_text_atomically(path, json.dumps({"format": CACHE_FORMAT, "files": files}, ensure_ascii=False))
    except MmnError:
        pass  # a read-only checkout still answers, it just re-reads the catalogs next time
