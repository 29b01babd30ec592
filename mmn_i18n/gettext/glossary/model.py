"""The termbase in memory: English entries, their translations and terms to avoid."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .textmatch import comparable, term_pattern

FIELDS = ("term", "definition", "example")  # the translatable parts of an entry


@dataclass(frozen=True)
class Term:
    """One English entry of glossary/terms.csv."""

    id: str
    term: str
    part_of_speech: str
    category: str
    definition: str
    example: str
    related: tuple[str, ...]
    added: str  # ISO date
    avoid: tuple[str, ...] = ()  # English words to avoid in favour of this term
    avoid_reason: str = ""
    line: int = 0  # line in terms.csv, for messages

    def english(self, part: str) -> str:
        return getattr(self, part)


@dataclass(frozen=True)
class LocalText:
    """A translation taken from a catalog; fuzzy ones are not yet vouched for."""

    text: str
    fuzzy: bool = False


@dataclass(frozen=True)
class AvoidedTerm:
    """A word a language's writers should not use, and what to say instead."""

    language: str  # "en" for terms.csv, else the catalog language
    text: str
    term_id: str
    preferred: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Termbase:
    """All the vocabulary: English entries plus what each language made of them.

    ``translations[lang][term_id][part]`` is a LocalText for part in FIELDS.
    """

    terms: tuple[Term, ...]
    translations: dict[str, dict[str, dict[str, LocalText]]] = field(default_factory=dict)
    avoided: dict[str, tuple[AvoidedTerm, ...]] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    @property
    def languages(self) -> list[str]:
        return list(self.translations)

    def term(self, term_id: str) -> Term:
        return self.by_id[term_id]

    def translation(self, term_id: str, lang: str, part: str = "term",
                    include_fuzzy: bool = False) -> str:
        """The text in `lang` ("" when untranslated); English for lang "en"."""
        if lang == "en":
            return self.by_id[term_id].english(part)
        local = self.translations.get(lang, {}).get(term_id, {}).get(part)
        if local is None or (local.fuzzy and not include_fuzzy):
            return ""
        return local.text

    def display(self, term_id: str, lang: str, part: str = "term") -> str:
        """What a reader of `lang` sees: the reviewed translation, else English."""
        return self.translation(term_id, lang, part) or self.by_id[term_id].english(part)

    def approved_terms(self, lang: str) -> dict[str, str]:
        """term id -> the reviewed (non-fuzzy) term in `lang`; untranslated ids left out."""
        if lang == "en":
            return {term.id: term.term for term in self.terms}
        return {term_id: parts["term"].text
                for term_id, parts in self.translations.get(lang, {}).items()
                if "term" in parts and not parts["term"].fuzzy}

    def avoided_terms(self, lang: str) -> tuple[AvoidedTerm, ...]:
        """Words to avoid in `lang` (for "en": the avoid column of terms.csv)."""
        if lang == "en":
            return tuple(AvoidedTerm("en", text, term.id, term.term, term.avoid_reason, term.line)
                         for term in self.terms for text in term.avoid)
        return self.avoided.get(lang, ())

    @cached_property
    def _english_patterns(self) -> list[tuple[Term, str, re.Pattern]]:
        """(term, comparable text, word-boundary pattern with plural) for every entry."""
        result = []
        for term in self.terms:
            needle = comparable(term.term, "en")
            result.append((term, needle, re.compile(term_pattern(needle, "en"))))
        return result

    def terms_in(self, english_text: str, longest: bool = False) -> list[Term]:
        """Entries whose English term occurs in `english_text` (plural -s/-es allowed).

        With `longest`, a term found only inside a longer term's occurrence is
        left out ("migrant" inside "undocumented migrants"). The text is
        normalised once and each term is first looked for as a plain substring,
        so a call costs microseconds per term.
        """
        haystack = comparable(english_text, "en")
        spans: list[tuple[Term, list[tuple[int, int]]]] = []
        for term, needle, pattern in self._english_patterns:
            if needle in haystack:
                found = [m.span() for m in pattern.finditer(haystack)]
                if found:
                    spans.append((term, found))
        if not longest:
            return [term for term, _ in spans]

        def covered(span: tuple[int, int], by: Term) -> bool:
            return any(other is not by and start <= span[0] and span[1] <= end and (end - start) > (span[1] - span[0])
                       for other, found in spans for start, end in found)

        return [term for term, found in spans if not all(covered(span, term) for span in found)]
