"""Finding entries from what a translator types, in any language.

Comparison ignores case, spacing and diacritics: Latin accents (Vietnamese
typed without its tone marks) and Thai and Lao tone marks. Exact matches of a term come first, then
terms that start with the text, then terms that contain it; avoided terms are
found too and point to the entry to use instead. Fuzzy translations are
searched as well (a translator needs to find them), and flagged.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Termbase
from .textmatch import comparable

EXACT, PREFIX, CONTAINS = 0, 1, 2


@dataclass(frozen=True)
class Hit:
    term_id: str
    language: str
    matched: str  # the text that matched, in `language`
    kind: str  # "term" or "avoided"
    rank: int  # EXACT, PREFIX or CONTAINS
    fuzzy: bool = False
    note: str = ""
    preferred: str = ""  # for an avoided term: what to say instead


def _candidates(termbase: Termbase):
    """(term id, language, text, kind, fuzzy, note, preferred) for everything that can be looked up."""
    for term in termbase.terms:
        yield term.id, "en", term.term, "term", False, "", ""
        for word in term.avoid:
            yield term.id, "en", word, "avoided", False, term.avoid_reason, term.term
    for lang, entries in termbase.translations.items():
        for term_id, parts in entries.items():
            if "term" in parts:
                yield term_id, lang, parts["term"].text, "term", parts["term"].fuzzy, "", ""
    for lang, avoided in termbase.avoided.items():
        for avoid in avoided:
            yield avoid.term_id, lang, avoid.text, "avoided", False, avoid.note, avoid.preferred


def lookup(termbase: Termbase, text: str, limit: int = 20) -> list[Hit]:
    """Best hits first; at most one hit per (entry, language, kind)."""
    hits: dict[tuple[str, str, str], Hit] = {}
    for term_id, lang, candidate, kind, fuzzy, note, preferred in _candidates(termbase):
        # Compare in the candidate's language (spaces matter in en/vi, not in th/zh...).
        wanted = comparable(text, lang, fold_diacritics=True)
        have = comparable(candidate, lang, fold_diacritics=True)
        if not wanted:
            continue
        if have == wanted:
            rank = EXACT
        elif have.startswith(wanted):
            rank = PREFIX
        elif wanted in have:
            rank = CONTAINS
        else:
            continue
        key = (term_id, lang, kind)
        if key not in hits or rank < hits[key].rank:
            hits[key] = Hit(term_id, lang, candidate, kind, rank, fuzzy, note, preferred)
    ordered = sorted(hits.values(), key=lambda h: (h.rank, h.kind != "avoided", len(h.matched), h.term_id))
    return ordered[:limit]
