"""Finding a term inside running text, in languages with and without spaces.

Thai, Lao, Khmer, Burmese, Shan and Chinese put no spaces between words, and
writers add or drop spaces (and zero-width spaces) inside phrases freely. For
those languages a term matches when it is a substring of the text once both
are normalised with all white space removed. Languages written with spaces
(English, Vietnamese) match on word boundaries; English also accepts a plural
-s/-es on the last word ("migrant workers" is an occurrence of "migrant worker").

Normalisation: compatibility decomposition (NFKD, so full-width "ＭＯＵ" and
precomposed/decomposed vowels compare equal), case folding, zero-width
characters and soft hyphens removed. With ``fold_diacritics`` Latin letters
also lose their accents and đ becomes d (used by lookup, never by checks,
since Vietnamese tone marks change meaning).
"""
from __future__ import annotations

import re
import unicodedata

# Languages of the project written without spaces between words.
NO_SPACE_LANGUAGES = frozenset({"th", "lo", "km", "my", "shn", "zh_CN", "zh_TW", "zh", "ja"})
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
LATIN_FOLDS = {"đ": "d", "ł": "l", "ø": "o", "ß": "ss"}


def uses_spaces(lang: str) -> bool:
    return lang.split("-")[0] not in NO_SPACE_LANGUAGES and lang not in NO_SPACE_LANGUAGES


def _fold_char(char: str, fold_diacritics: bool) -> str:
    decomposed = unicodedata.normalize("NFKD", char).casefold()
    if not fold_diacritics:
        return decomposed
    base = decomposed[:1]
    if base in LATIN_FOLDS:
        return LATIN_FOLDS[base]
    if base.isascii() or "LATIN" in unicodedata.name(base, ""):
        return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return decomposed


def normalise(text: str, lang: str, fold_diacritics: bool = False) -> tuple[str, list[int]]:
    """The comparable form of `text` and, for each of its characters, its index in `text`."""
    keep_spaces = uses_spaces(lang)
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if char.isspace():
            if keep_spaces and out and out[-1] != " ":
                out.append(" ")
                offsets.append(index)
            continue
        for piece in _fold_char(char, fold_diacritics):
            out.append(piece)
            offsets.append(index)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def comparable(text: str, lang: str, fold_diacritics: bool = False) -> str:
    return normalise(text, lang, fold_diacritics)[0]


def find_occurrences(text: str, term: str, lang: str,
                     fold_diacritics: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans in `text` where `term` occurs, as the module docstring describes."""
    needle = comparable(term, lang, fold_diacritics)
    if not needle:
        return []
    haystack, offsets = normalise(text, lang, fold_diacritics)
    if uses_spaces(lang):
        plural = r"(?:e?s)?" if lang == "en" else ""
        pattern = re.compile(r"(?<!\w)" + re.escape(needle) + plural + r"(?!\w)")
        spans = [(m.start(), m.end()) for m in pattern.finditer(haystack)]
    else:
        spans = []
        start = haystack.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = haystack.find(needle, start + len(needle))
    return [(offsets[start], offsets[end - 1] + 1) for start, end in spans]


def contains_term(text: str, term: str, lang: str) -> bool:
    return bool(find_occurrences(text, term, lang))
