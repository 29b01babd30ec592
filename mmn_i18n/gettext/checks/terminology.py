"""Terminology: translations use the vocabulary's approved terms and avoid the listed ones.

The termbase comes from the vocabulary package (mmn_i18n.gettext.glossary.load_termbase).
Matching follows its rules (mmn_i18n.gettext.glossary.textmatch): NFKD, case folding,
zero-width characters ignored; word boundaries where the language writes
spaces, plain substrings after removing all spaces in th, lo, km, my, shn and
zh_CN. Here each text is normalised once with C-speed string functions and
every term is looked for in it, since a catalog tree has tens of thousands of
messages and the vocabulary over a hundred terms. Only when an approved term
is not found that way does the vocabulary's own contains_term decide, which
also accepts its variants (the term without a nominalising affix). Terms to
avoid are matched exactly as listed: a shortened variant of a word to avoid
may be an innocent word.

Single-word terms ("migrant", "broker", "stigma") are enforced where the
English uses them as nouns: plural, possessive, or followed by punctuation or
a function word ("migrants are", "a migrant who"). Followed by another word
they qualify it ("migrant women", "broker fees") and translators rightly
render them in many ways, so they are left alone. Their approved translation
must then occur as whole words (mmn_i18n.gettext.glossary.textmatch.find_words): in
Thai, Lao, Khmer, Burmese, Shan and Chinese a short term found inside a
longer word does not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..glossary.textmatch import comparable, contains_term, find_words, terms_pattern, uses_spaces
from .core import Context, Severity, Unit, check

def contains(haystack: str, needle: str, lang: str) -> bool:
    """Whether comparable needle occurs in comparable haystack."""
    if not needle:
        return False
    if uses_spaces(lang):
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None
    return needle in haystack


# Words after which a single-word term is still the head noun ("migrants who",
# "a migrant in"); after any other word it qualifies that word ("migrant women").
FUNCTION_WORDS = frozenset("""
a about across after against all also an and any are as at be because been before being between both but by
can could did do does during each either even every for from had has have her here his how if in into is it its
may might more most much must no nor not now of off often on once only or other our out over own same shall she
should since so some still such than that the their them then there these they this those though through to
too under until up very was we were what when where whether which while who whom whose why will with within
without would yet you your
""".split())
# Roles whose target is a label or a path, not words a reader sees.
NON_WORD_TARGETS = re.compile(r":(?!term:)[\w:.-]+:`(?:[^`<]*<[^`>]*>|[^`]*)`|https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")
EXPLICIT_TITLE = re.compile(r":(?!term:)[\w:.-]+:`([^`<]*?)\s*<[^`>]*>`")


def visible_words(english: str) -> str:
    """English text without link targets, labels, URLs and e-mails ("statement-migrants-day-2015")."""
    english = EXPLICIT_TITLE.sub(lambda match: match.group(1), english)
    return NON_WORD_TARGETS.sub(" ", english)


@dataclass
class TermIndex:
    """The termbase prepared for checking: one regex for all English terms."""

    termbase: object
    english: re.Pattern | None = None
    by_text: dict[str, list] = field(default_factory=dict)
    found: dict[str, list] = field(default_factory=dict)
    languages: dict[str, tuple[dict[str, str], list]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for term in self.termbase.terms:
            self.by_text.setdefault(comparable(term.term, "en"), []).append(term)
        alternatives = sorted((text for text in self.by_text if text), key=len, reverse=True)
        if alternatives:
            # Longest first, so "undocumented migrants" is one match, not also
            # "migrant" (the vocabulary's terms_in(longest=True)); English plurals allowed.
            self.english = terms_pattern(alternatives, "en")

    def terms_in(self, english: str) -> list:
        """(term, words as written) for each term the English uses as a term.

        A phrase counts wherever it occurs; a single word only where it is a
        noun (see the module's docstring). The words as written let the check
        see a name kept in English in the translation ("Asian Migrant Centre").
        """
        if english not in self.found:
            terms: dict[str, tuple] = {}
            if self.english is not None:
                text = comparable(visible_words(english), "en")
                for match in self.english.finditer(text):
                    if " " not in match.group(1) and not _is_noun(match, text):
                        continue
                    for term in self.by_text[match.group(1)]:
                        terms.setdefault(term.id, (term, match.group(0)))
            self.found[english] = list(terms.values())
        return self.found[english]

    def language(self, lang: str) -> tuple[dict[str, str], list]:
        """Approved terms {id: text} and (avoided term, comparable text) pairs of a language."""
        if lang not in self.languages:
            approved = self.termbase.approved_terms(lang)
            avoided = [(item, comparable(item.text, lang)) for item in self.termbase.avoided_terms(lang)]
            self.languages[lang] = (approved, avoided)
        return self.languages[lang]


def _is_noun(match: re.Match, text: str) -> bool:
    """Whether a single English word stands as a noun rather than qualifying the next word."""
    if match.group(2):
        return True  # plural: "migrants", "brokers"
    rest = text[match.end():]
    following = re.match(r" ([a-z][\w-]*)", rest)
    return following is None or following.group(1) in FUNCTION_WORDS


def term_index(termbase) -> TermIndex:
    """The termbase prepared for checking, kept on the termbase itself (as its own cached properties are).

    It lives and dies with the termbase it was made from: a run with another
    termbase (another project, or the vocabulary edited) makes its own.
    """
    index = termbase.__dict__.get("_mmn_term_index")
    if index is None:
        index = termbase.__dict__["_mmn_term_index"] = TermIndex(termbase)
    return index


def _applies(ctx: Context) -> bool:
    # The vocabulary's own pages define the terms and list the words to avoid.
    return ctx.termbase is not None and "vocabulary" not in ctx.path.parts


@check("terminology", Severity.WARNING, "Vocabulary term not translated with the approved term")
def terminology(unit: Unit, ctx: Context) -> Iterator[str]:
    """When the English uses a term of the vocabulary (glossary/terms.csv),
    the translation uses the term approved for its language. A single-word term
    counts where it is a noun ("migrants are", not "migrant women") and must
    appear as whole words, so "ผู้ย้ายถิ่นฐาน" is not "ผู้ย้ายถิ่น"; a name kept in English is left alone."""
    if not _applies(ctx):
        return
    index = term_index(ctx.termbase)
    lang = ctx.language.code
    approved, _ = index.language(lang)
    for pair in unit.pairs(ctx.nplurals):
        translation = None
        for term, written in index.terms_in(pair.source):
            expected = approved.get(term.id)
            if not expected:
                continue
            translation = translation if translation is not None else comparable(pair.translation, lang)
            if " " in term.term:
                found = (contains(translation, comparable(expected, lang), lang)
                         or contains_term(pair.translation, expected, lang))
            else:
                found = (bool(find_words(pair.translation, expected, lang))
                         or contains(comparable(pair.translation, "en"), written, "en"))
            if not found:
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
