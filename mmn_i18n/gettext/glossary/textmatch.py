"""Finding a term inside running text, in languages with and without spaces.

Thai, Lao, Khmer, Burmese, Shan and Chinese put no spaces between words, and
writers add or drop spaces (and zero-width spaces) inside phrases freely. For
those languages a term matches when it is a substring of the text once both
are normalised with all white space removed. Languages written with spaces
(English, Vietnamese) match on word boundaries; English also accepts a plural
-s/-es on the last word ("migrant workers" is an occurrence of "migrant worker").

Inflection: Thai, Lao, Khmer and Shan make nouns of verbs with a prefix
(การ/ความ, ການ/ຄວາມ, ការ/សេចក្ដី, ၵၢၼ်) and Burmese with a suffix (ခြင်း, မှု)
or a plural/possessive particle (များ, ၏) that writers drop or add in running
text: ``term_variants`` lists the forms of a term with and without them, and
``find_occurrences`` finds any of them ("ลาคลอด" is an occurrence of "การลาคลอด").

Normalisation: compatibility decomposition (NFKD, so full-width "ＭＯＵ" and
precomposed/decomposed vowels compare equal), case folding, zero-width
characters and soft hyphens removed. With ``fold_diacritics`` Latin letters
also lose their accents, đ becomes d and Thai and Lao tone marks are dropped
(used by lookup, never by checks, since tone marks change meaning).
"""
from __future__ import annotations

import re
import unicodedata

from ...language_facts import facts
from ...segment import word_boundaries, words

INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
LATIN_FOLDS = {"đ": "d", "ł": "l", "ø": "o", "ß": "ss"}
# Thai and Lao tone marks, often mistyped or left out when searching.
TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0ec8\u0ec9\u0eca\u0ecb")
# The affixes a term may carry in the termbase but lose in running text, and the
# inflection marks a word takes without becoming another word, are language facts
# (noun_prefixes, noun_suffixes, particles, inflection_marks in mmn_i18n.language_facts).
MIN_VARIANT = 2  # never shrink a term to a single character


def uses_spaces(lang: str) -> bool:
    return facts(lang).word_spaces


def term_pattern(needle: str, lang: str) -> str:
    """A regular expression for needle as whole words, with the plural ending the language allows.

    >>> bool(re.fullmatch(term_pattern("migrant worker", "en"), "migrant workers"))
    True
    """
    ending = facts(lang).plural_ending
    return r"(?<!\w)" + re.escape(needle) + (f"(?:{ending})?" if ending else "") + r"(?!\w)"


def terms_pattern(needles: list[str], lang: str) -> re.Pattern:
    """One pattern for any of needles (tried in the order given) as whole words:
    group 1 is the term as written, group 2 its plural ending ("" when none)."""
    alternatives = "|".join(map(re.escape, needles))
    return re.compile(r"(?<!\w)(" + alternatives + r")(" + facts(lang).plural_ending + r")?(?!\w)")


def _fold_char(char: str, fold_diacritics: bool) -> str:
    decomposed = unicodedata.normalize("NFKD", char).casefold()
    if not fold_diacritics:
        return decomposed
    base = decomposed[:1]
    if base in TONE_MARKS:
        return ""
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


_REMOVE_INVISIBLE = {ord(char): None for char in INVISIBLE}


def comparable(text: str, lang: str, fold_diacritics: bool = False) -> str:
    """Text as the vocabulary compares it: normalise's text, without the offsets.

    Without diacritic folding it is computed on the whole string at once (the
    terminology check calls it for every entry): NFKD and case folding of the
    whole text, invisible characters removed, spaces collapsed or dropped.
    """
    if fold_diacritics:
        return normalise(text, lang, fold_diacritics)[0]
    text = unicodedata.normalize("NFKD", text).casefold().translate(_REMOVE_INVISIBLE)
    return " ".join(text.split()) if uses_spaces(lang) else "".join(text.split())


def term_variants(term: str, lang: str) -> list[str]:
    """The term and its forms without a nominalising affix or particle, longest first."""
    forms = [term]
    compact = "".join(term.split())
    entry = facts(lang)
    for prefix in entry.noun_prefixes:
        if compact.startswith(prefix) and len(compact) - len(prefix) >= MIN_VARIANT:
            forms.append(compact[len(prefix):])
    for suffix in entry.noun_suffixes:
        if compact.endswith(suffix) and len(compact) - len(suffix) >= MIN_VARIANT:
            forms.append(compact[:-len(suffix)])
    for particle in entry.particles:
        for form in list(forms):
            stripped = "".join(form.split()).replace(particle, "")
            if stripped != "".join(form.split()) and len(stripped) >= MIN_VARIANT:
                forms.append(stripped)
    unique = list(dict.fromkeys(forms))
    return sorted(unique, key=len, reverse=True)


def _spans(haystack: str, needle: str, lang: str) -> list[tuple[int, int]]:
    if uses_spaces(lang):
        pattern = re.compile(term_pattern(needle, lang))
        return [(m.start(), m.end()) for m in pattern.finditer(haystack)]
    spans = []
    start = haystack.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return spans


def find_occurrences(text: str, term: str, lang: str,
                     fold_diacritics: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans in `text` where `term` (or one of its variants) occurs.

    Overlapping matches of several variants count once, as the longest span.
    """
    haystack, offsets = normalise(text, lang, fold_diacritics)
    found: list[tuple[int, int]] = []
    for variant in term_variants(term, lang):
        needle = normalise(variant, lang, fold_diacritics)[0]  # as the haystack: character by character
        if not needle:
            continue
        for start, end in _spans(haystack, needle, lang):
            if not any(s <= start and end <= e for s, e in found):
                found.append((start, end))
    return [(offsets[start], offsets[end - 1] + 1) for start, end in sorted(found)]


def contains_term(text: str, term: str, lang: str) -> bool:
    return bool(find_occurrences(text, term, lang))


def find_words(text: str, term: str, lang: str) -> list[tuple[int, int]]:
    """Like find_occurrences, but an occurrence must be whole words of `text`.

    In languages written without spaces a plain substring is not enough for a
    short term: Thai "ผู้ย้ายถิ่น" also begins "ผู้ย้ายถิ่นฐาน", Burmese "ရွှေ့ပြောင်း"
    begins "ရွှေ့ပြောင်းသွားလာသူ". There an occurrence must begin and end at a word
    boundary (ICU's dictionaries; syllables for Burmese and Shan, see
    mmn_i18n.segment.word_boundaries), after any inflection mark it carries.
    ICU joins a verb to its object (Khmer "ធ្វើការងារ", "do work"), so the start
    may also cut such a word in two halves that ICU reads as words of their
    own. The end may not: glued after a term, letters make another word
    (Thai "ผู้ย้ายถิ่นฐาน", "หน้า" in "หน้าที่"). Languages written with spaces
    already match on word boundaries.
    """
    spans = find_occurrences(text, term, lang)
    if uses_spaces(lang) or not spans:
        return spans
    bounds = sorted(word_boundaries(text, lang))
    marks = facts(lang).inflection_marks
    whole = []
    for start, end in spans:
        while end < len(text) and text[end] in marks:
            end += 1
        if end in bounds and (start in bounds or _splits_in_two(text, start, bounds, lang)):
            whole.append((start, end))
    return whole


def _splits_in_two(text: str, offset: int, bounds: list[int], lang: str) -> bool:
    """Whether a cut at offset splits one ICU word into two that ICU reads as words."""
    before = max(b for b in bounds if b < offset)
    after = min(b for b in bounds if b > offset)
    left, right = text[before:offset], text[offset:after]
    return words(left, lang) == [left] and words(right, lang) == [right]
