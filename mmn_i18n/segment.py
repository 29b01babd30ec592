"""Word and line boundaries for every project language, including scripts written without spaces.

Thai, Lao, Khmer and Burmese put no space between words, and Chinese none
between anything, so boundaries come from ICU's dictionary-based break
iterators (PyICU). Shan is written in the Myanmar script, and ICU applies
its *Burmese* dictionary to it, which cuts Shan syllables in half
("ၵၢၼ်ၶၢ|မ်ႈ"), so Shan uses a syllable rule of our own instead: a syllable
starts at a base letter that is not killed by asat and not stacked under the
letter before it.

Used by the PDF builder (zero-width spaces where a line may break, because
Pango finds no break opportunity in Lao, Khmer, Burmese or Shan) and by the
search index (words for Thai, Lao, Khmer, Burmese, Chinese and Shan).
"""
from __future__ import annotations

import re
import threading
import unicodedata

import icu

from .language_facts import DICTIONARY, SYLLABLES, facts

ZWSP = "\u200b"  # ZERO WIDTH SPACE: an invisible line-break opportunity

# Scripts that need break hints in running text (ISO 15924 -> regex class).
# Han is left out on purpose: every line breaker already breaks between
# ideographs, which is how Chinese is set.
_HINTED_SCRIPT_CHARS = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer, Khmer symbols
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar and its extensions
)
_HINTED = re.compile(f"[{_HINTED_SCRIPT_CHARS}]")
_MYANMAR = re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]")

# Which languages get dictionary (ICU) boundaries and which the syllable rule is
# language_facts' `segmentation`; everything else is split at spaces and
# punctuation, which ICU's root rules do correctly too.


def _icu_locale(lang: str) -> str:
    entry = facts(lang)
    return entry.icu_locale if entry.segmentation == DICTIONARY else "root"


def _by_syllables(lang: str) -> bool:
    return facts(lang).segmentation == SYLLABLES


# ICU word-break rule status below 100 (UBRK_WORD_NONE) marks spaces and
# punctuation, which are not words.
_WORD_NONE_LIMIT = 100

_local = threading.local()  # ICU iterators are not thread-safe: one set per thread


def _iterator(kind: str, lang: str) -> icu.BreakIterator:
    cache = _local.__dict__.setdefault("iterators", {})
    key = (kind, lang)
    if key not in cache:
        locale = icu.Locale(_icu_locale(lang))
        factory = icu.BreakIterator.createLineInstance if kind == "line" else icu.BreakIterator.createWordInstance
        cache[key] = factory(locale)
    return cache[key]


def _utf16_to_str_offsets(text: str) -> list[int] | None:
    """ICU counts UTF-16 code units; map them back when the text has astral characters."""
    if all(ord(ch) < 0x10000 for ch in text):
        return None
    mapping = []
    for index, ch in enumerate(text):
        mapping.append(index)
        if ord(ch) >= 0x10000:
            mapping.append(index)
    mapping.append(len(text))
    return mapping


def _icu_boundaries(kind: str, text: str, lang: str) -> list[tuple[int, int]]:
    """(offset, rule status) for each ICU boundary after the start."""
    iterator = _iterator(kind, lang)
    iterator.setText(text)
    mapping = _utf16_to_str_offsets(text)
    result = []
    for boundary in iterator:
        offset = mapping[boundary] if mapping else boundary
        result.append((offset, iterator.getRuleStatus()))
    return result


# --- Shan (and any Myanmar-script text without a dictionary) -------------

# Letters that begin a syllable: consonants, independent vowels, Shan, Mon,
# Karen and Khamti letters, digits.
_SYLLABLE_BASE = re.compile(
    "[\u1000-\u102a\u103f\u1040-\u1049\u104c-\u104f\u1050-\u1055\u105a-\u105d\u1061"
    "\u1065\u1066\u106e-\u1070\u1075-\u1081\u108e\u1090-\u1099"
    "\ua9e0-\ua9e4\ua9e7-\ua9ef\ua9fa-\ua9fe\uaa60-\uaa6f\uaa71-\uaa76\uaa7a]"
)
_DIGITS = re.compile("[\u1040-\u1049\u1090-\u10990-9]")
_ASAT, _VIRAMA = "\u103a", "\u1039"


def myanmar_syllable_starts(text: str) -> list[int]:
    """Offsets (not 0) where a new Myanmar-script syllable begins inside a run of letters.

    A base letter starts a syllable unless asat or virama follows it (it closes
    or stacks under the syllable before) or virama precedes it (it is stacked).
    """
    starts = []
    for index in range(1, len(text)):
        ch, before = text[index], text[index - 1]
        if not _SYLLABLE_BASE.match(ch) or not _MYANMAR.match(before):
            continue
        after = text[index + 1] if index + 1 < len(text) else ""
        if after in (_ASAT, _VIRAMA) or before == _VIRAMA:
            continue
        if _DIGITS.match(ch) and _DIGITS.match(before):
            continue  # a number is one unit
        starts.append(index)
    return starts


# --- public API -------------------------------------------------------------


def line_breaks(text: str, lang: str) -> list[int]:
    """Offsets where a line may break (before text[offset]), excluding 0 and len(text)."""
    breaks = {offset for offset, _ in _icu_boundaries("line", text, lang)}
    if _by_syllables(lang):
        # ICU's Burmese dictionary cuts Shan syllables: keep its breaks only
        # outside Myanmar-script runs, and break those at syllables.
        breaks = {b for b in breaks if not (0 < b < len(text) and _MYANMAR.match(text[b - 1]) and _MYANMAR.match(text[b]))}
        breaks.update(myanmar_syllable_starts(text))
    return sorted(b for b in breaks if 0 < b < len(text))


def insert_break_hints(text: str, lang: str) -> str:
    """The text with U+200B wherever a line may break inside a run of Thai, Lao, Khmer or Myanmar letters.

    Nothing is added next to spaces (they already allow a break), around
    existing zero-width spaces, or in languages written with spaces between
    words. strip_break_hints undoes it exactly.
    """
    if not _HINTED.search(text):
        return text
    pieces, start = [], 0
    for offset in line_breaks(text, lang):
        before, after = text[offset - 1], text[offset]
        if before.isspace() or after.isspace() or ZWSP in (before, after):
            continue
        if not (_HINTED.match(before) or _HINTED.match(after)):
            continue
        pieces.append(text[start:offset])
        start = offset
    pieces.append(text[start:])
    return ZWSP.join(pieces)


def strip_break_hints(text: str) -> str:
    return text.replace(ZWSP, "")


def word_boundaries(text: str, lang: str) -> set[int]:
    """Offsets where a word may begin or end in text, 0 and len(text) included.

    ICU's dictionary boundaries for th, lo, km, my and zh_CN; for Burmese also
    every syllable start, because ICU's dictionary glues particles to the word
    before them ("သူများ" is one ICU word, yet "ရွှေ့ပြောင်းသူ" ends inside it).
    Shan uses syllables only (ICU's Burmese dictionary cuts Shan syllables), plus
    ICU's boundaries outside Myanmar-script runs. Used by the terminology check
    so that a short term never matches inside a longer word.
    """
    bounds = {0, len(text)}
    by_syllables = _by_syllables(lang)
    for offset, _ in _icu_boundaries("word", text, lang):
        inside_myanmar = 0 < offset < len(text) and _MYANMAR.match(text[offset - 1]) and _MYANMAR.match(text[offset])
        if not (by_syllables and inside_myanmar):
            bounds.add(offset)
    if facts(lang).syllable_word_bounds:
        bounds.update(myanmar_syllable_starts(text))
    return bounds


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN" or ch in "\u200c\u200d"


def words(text: str, lang: str) -> list[str]:
    """The words of text, in order, without spaces or punctuation.

    Dictionary words for th, lo, km, my and zh_CN; syllables for Shan (no
    Shan dictionary exists in ICU); space-separated words elsewhere.
    """
    text = strip_break_hints(text)
    if _by_syllables(lang):
        return _syllable_words(text)
    result, start = [], 0
    for offset, status in _icu_boundaries("word", text, lang):
        if status >= _WORD_NONE_LIMIT:
            result.append(text[start:offset])
        start = offset
    return result


def _syllable_words(text: str) -> list[str]:
    result = []
    for match in re.finditer(r"\S+", text):
        token = match.group()
        run: list[str] = []
        for ch in token + " ":
            if _is_word_char(ch):
                run.append(ch)
                continue
            if run:
                result.extend(_split_syllables("".join(run)))
                run = []
    return result


def _split_syllables(run: str) -> list[str]:
    if not _MYANMAR.search(run):
        return [run]
    cuts = [0, *myanmar_syllable_starts(run), len(run)]
    # A cut between a Latin letter and a Myanmar one separates words too.
    cuts += [i for i in range(1, len(run)) if bool(_MYANMAR.match(run[i])) != bool(_MYANMAR.match(run[i - 1]))]
    cuts = sorted(set(cuts))
    return [run[a:b] for a, b in zip(cuts, cuts[1:]) if run[a:b]]
