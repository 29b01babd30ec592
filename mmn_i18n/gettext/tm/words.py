"""Words of a translation for search, as readers of each script see them.

Thai, Lao, Khmer and Burmese: ICU's dictionary word boundaries; Shan: whole
syllables (our rule in mmn_i18n.segment, as ICU has no Shan dictionary);
Chinese: jieba's words; everything else (Vietnamese, English): the words
between spaces and punctuation. Case is folded. A query is searched as a
sequence of whole words, so "งาน" (work) is not found inside "แรงงาน" (labour),
and the Shan "ၼမ်" (many) not inside "ၼမ်ႉ" (water).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from ... import segment
from ...language_facts import JIEBA, facts


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on stderr
    jieba.initialize()
    return jieba


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def words(text: str, lang: str) -> list[str]:
    """The words of text in order, case-folded, without spaces or punctuation."""
    text = unicodedata.normalize("NFC", segment.strip_break_hints(text))
    if facts(lang).search_splitter == JIEBA:
        tokens = _jieba().lcut(text)
    else:
        tokens = segment.words(text, lang)
    return [token.casefold() for token in tokens if _is_word(token)]


def query_variants(query: str, lang: str) -> list[str]:
    """The query as typed and, for Burmese and Shan, its Unicode form if it may be Zawgyi.

    Both are searched: the Zawgyi detector is unsure on short texts and
    scores some real Unicode words high, so the text as typed is kept too.
    """
    variants = [query]
    if facts(lang).script == "Mymr":  # the script Zawgyi encodes
        from ..checks.zawgyi import zawgyi_probability
        from ..fix import zawgyi_to_unicode

        if zawgyi_probability(query) >= 0.5:
            converted = zawgyi_to_unicode(query)
            if converted != query:
                variants.append(converted)
    return variants


def contains_sequence(haystack: list[str], needle: list[str]) -> bool:
    """Whether needle occurs in haystack as consecutive whole words."""
    size = len(needle)
    first = needle[0]
    for start, token in enumerate(haystack):
        if token == first and haystack[start:start + size] == needle:
            return True
    return False
