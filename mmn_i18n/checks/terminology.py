"""Terminology: translations use the vocabulary's approved terms and avoid the listed ones.

The termbase comes from the vocabulary package (mmn_i18n.glossary.load_termbase).
Matching follows its rules (mmn_i18n.glossary.textmatch): NFKD, case folding,
zero-width characters ignored; word boundaries where the language writes
spaces, plain substrings after removing all spaces in th, lo, km, my, shn and
zh_CN. Here each text is normalised once with C-speed string functions and
every term is looked for in it, since a catalog tree has tens of thousands of
messages and the vocabulary over a hundred terms. Only when an approved term
is not found that way does the vocabulary's own contains_term decide, which
also accepts its variants (the term without a nominalising affix). Terms to
avoid are matched exactly as listed: a shortened variant of a word to avoid
may be an innocent word.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from ..glossary.textmatch import INVISIBLE, contains_term, uses_spaces
from .core import Context, Severity, Unit, check

REMOVE_INVISIBLE = {ord(char): None for char in INVISIBLE}


def comparable(text: str, lang: str) -> str:
    """Text as the vocabulary compares it (see mmn_i18n.glossary.textmatch.normalise)."""
    text = unicodedata.normalize("NFKD", text).casefold().translate(REMOVE_INVISIBLE)
    return " ".join(text.split()) if uses_spaces(lang) else "".join(text.split())


def contains(haystack: str, needle: str, lang: str) -> bool:
    """Whether comparable needle occurs in comparable haystack."""
    if not needle:
        return False
    if uses_spaces(lang):
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None
    return needle in haystack


@dataclass
class TermIndex:
    """The termbase prepared for checking: one regex for all English terms."""

    termbase: object
    english: re.Pattern | None = None
    by_text: dict[str, list] = field(default_factory=dict)
    found: dict[str, list] = field(default_factory=dict)
    languages: dict[str, tuple[dict[str, str], list]] = field(default_factory=dict)
    generic: set[str] = field(default_factory=set)  # ids of terms that are words of longer terms

    def __post_init__(self) -> None:
        for term in self.termbase.terms:
            self.by_text.setdefault(comparable(term.term, "en"), []).append(term)
        # "migrant" is part of "migrant worker", "undocumented migrant"...: alone
        # it is mostly a modifier ("migrant women", "Migrants Day") that
        # translators rightly render in many ways, so it is not enforced.
        for text, terms in self.by_text.items():
            if " " in text:
                continue  # phrases ("migrant worker") are always enforced
            inside = re.compile(r"(?<!\w)" + re.escape(text) + r"(?:e?s)?(?!\w)")
            if any(other != text and inside.search(other) for other in self.by_text):
                self.generic.update(term.id for term in terms)
        alternatives = sorted((text for text in self.by_text if text), key=len, reverse=True)
        if alternatives:
            # Longest first, so "undocumented migrants" is one match, not also
            # "migrant" (the vocabulary's terms_in(longest=True)); English plurals allowed.
            self.english = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?:e?s)?(?!\w)")

    def terms_in(self, english: str) -> list:
        if english not in self.found:
            terms = []
            if self.english is not None:
                for match in self.english.finditer(comparable(english, "en")):
                    terms += [t for t in self.by_text[match.group(1)] if t not in terms]
            self.found[english] = terms
        return self.found[english]

    def language(self, lang: str) -> tuple[dict[str, str], list]:
        """Approved terms {id: text} and (avoided term, comparable text) pairs of a language."""
        if lang not in self.languages:
            approved = self.termbase.approved_terms(lang)
            avoided = [(item, comparable(item.text, lang)) for item in self.termbase.avoided_terms(lang)]
            self.languages[lang] = (approved, avoided)
        return self.languages[lang]


_INDEXES: dict[int, tuple[object, TermIndex]] = {}


def term_index(termbase) -> TermIndex:
    # Keyed by identity (a Termbase holds dicts, so it is not hashable); the
    # termbase is kept alive in the value, so an id is never reused meanwhile.
    key = id(termbase)
    if key not in _INDEXES:
        _INDEXES[key] = (termbase, TermIndex(termbase))
    return _INDEXES[key][1]


def _applies(ctx: Context) -> bool:
    # The vocabulary's own pages define the terms and list the words to avoid.
    return ctx.termbase is not None and "vocabulary" not in ctx.path.parts


@check("terminology", Severity.WARNING, "Vocabulary term not translated with the approved term")
def terminology(unit: Unit, ctx: Context) -> Iterator[str]:
    """When the English uses a term of the vocabulary (glossary/terms.csv),
    the translation uses the term approved for its language. Single words
    that are part of longer terms ("migrant" in "migrant worker") are not enforced
    alone: as modifiers they are rightly translated in many ways."""
    if not _applies(ctx):
        return
    index = term_index(ctx.termbase)
    approved, _ = index.language(ctx.language.code)
    for pair in unit.pairs(ctx.nplurals):
        translation = None
        for term in index.terms_in(pair.source):
            expected = approved.get(term.id)
            if not expected or term.id in index.generic:
                continue
            translation = translation if translation is not None else comparable(pair.translation, ctx.language.code)
            if (not contains(translation, comparable(expected, ctx.language.code), ctx.language.code)
                    and not contains_term(pair.translation, expected, ctx.language.code)):
                yield pair.label(f"{term.term!r} is {expected!r} in the vocabulary; use it "
                                 f"(or add #, ignore-terminology if this sense differs)")


@check("terms-to-avoid", Severity.ERROR, "Translation uses a term the vocabulary says to avoid")
def terms_to_avoid(unit: Unit, ctx: Context) -> Iterator[str]:
    """The vocabulary lists words to avoid in each language (glossary/avoid/<lang>.csv),
    usually because they stigmatise migrants; the message names the preferred term."""
    if not _applies(ctx):
        return
    _, avoided = term_index(ctx.termbase).language(ctx.language.code)
    if not avoided:
        return
    for pair in unit.pairs(ctx.nplurals):
        translation = comparable(pair.translation, ctx.language.code)
        for item, text in avoided:
            if contains(translation, text, ctx.language.code) and not contains(
                    comparable(pair.source, "en"), text, "en"):
                reason = f" ({item.note})" if item.note else ""
                yield pair.label(f"avoid {item.text!r}: write {item.preferred!r}{reason}")
