"""Alphabetical order and A-to-Z headings in each language's own way, via ICU.

ICU's CLDR collation already sorts Thai and Lao words that start with a
leading vowel (เ แ โ ใ ไ / ເ ແ ໂ ໃ ໄ) by their consonant, Chinese by pinyin
(zh's default collation) and Vietnamese with đ after d. AlphabeticIndex gives
the headings (ก ข ค..., A B C... for Chinese pinyin). Shan has no CLDR
collation: it falls back to the root order and gets Shan consonants as headings.
"""
from __future__ import annotations

from functools import cache
from typing import Callable, Iterable, TypeVar

import icu

from ...language_facts import facts

T = TypeVar("T")


def icu_locale(lang: str) -> icu.Locale:
    """The ICU locale of the language's A-to-Z index (Shan: Burmese's, ICU has no Shan data)."""
    entry = facts(lang)
    return icu.Locale(entry.collation_locale if entry.collation_locale not in ("", "root") else
                      entry.icu_locale if entry.icu_locale != "root" else lang)


@cache
def collator(lang: str) -> icu.Collator:
    order = facts(lang).collation_locale
    return icu.Collator.createInstance(icu.Locale(order) if order else icu_locale(lang))


def sort_key(lang: str) -> Callable[[str], bytes]:
    return collator(lang).getSortKey


def sorted_in(lang: str, items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    order = sort_key(lang)
    return sorted(items, key=lambda item: order(key(item)))


def index_buckets(lang: str, items: Iterable[T], key: Callable[[T], str] = str) -> list[tuple[str, list[T]]]:
    """(heading, items in order) for each non-empty A-to-Z heading of `lang`.

    English headings are added too, so untranslated (English) entries file under
    A-Z rather than under the catch-all "…".
    """
    index = icu.AlphabeticIndex(icu_locale(lang))
    index.addLabels(icu.Locale("en"))
    labels = facts(lang).index_labels  # letters that start words, where ICU has no index data
    if labels:
        index.addLabels(icu.UnicodeSet("[" + labels + "]"))
    items = list(items)
    for number, item in enumerate(items):
        index.addRecord(key(item), number)
    buckets = []
    index.resetBucketIterator()
    while index.nextBucket():
        members = []
        while index.nextRecord():
            members.append(items[index.recordData])
        if members:
            buckets.append((index.bucketLabel, sorted_in(lang, members, key)))
    return buckets
