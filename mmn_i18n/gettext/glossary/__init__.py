"""The vocabulary on migration: one termbase for authors, translators and readers.

Where things live
  glossary/terms.csv         English entries (id, term, part_of_speech, category,
                             definition, example, related ids, added, avoid, avoid_reason)
  glossary/avoid/<lang>.csv  a language's own words to avoid (term_id, avoid, preferred, note)
  locale/<lang>/LC_MESSAGES/vocabulary/index.po
                             translated terms, definitions and examples: the same
                             gettext workflow as the publications (extract/update)

API for other parts of mmn-i18n (e.g. the terminology checks)::

    from mmn_i18n.gettext.glossary import load_termbase, find_occurrences, contains_term

    termbase = load_termbase(project)          # raises TermbaseError (one line, file:line)
    for term in termbase.terms_in(english_msgid):     # Term objects whose English term occurs
        expected = termbase.approved_terms("th").get(term.id)   # reviewed Thai term or None
        if expected and not contains_term(thai_msgstr, expected, "th"):
            ...                                # translation strays from the vocabulary
    for avoided in termbase.avoided_terms("th"):      # AvoidedTerm(text, term_id, preferred, note)
        for start, end in find_occurrences(thai_msgstr, avoided.text, "th"):
            ...                                # a word to avoid, at thai_msgstr[start:end]

``find_occurrences(text, term, lang)`` matches on word boundaries in languages
written with spaces (English also accepts a plural -s/-es) and as a substring,
ignoring all spaces and zero-width characters, in th, lo, km, my, shn and
zh_CN. It also finds the term without its nominalising affix or particle
(``term_variants``: การลาคลอด -> ลาคลอด, ရွှေ့ပြောင်းသူများ၏ ... -> ရွှေ့ပြောင်းသူ ...). ``termbase.terms_in(text, longest=True)`` keeps only the longest of
overlapping terms ("undocumented migrant" rather than also "migrant").
"""
from __future__ import annotations

from .load import TermbaseError, load_termbase, read_termbase
from .model import AvoidedTerm, LocalText, Term, Termbase
from .textmatch import contains_term, find_occurrences, term_variants, uses_spaces

__all__ = ["AvoidedTerm", "LocalText", "Term", "Termbase", "TermbaseError", "contains_term",
           "find_occurrences", "load_termbase", "read_termbase", "term_variants", "uses_spaces"]
