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

T = TypeVar("T")
# Letters that start Shan words; ICU has no Shan index data.
SHAN_LABELS = "ၵၶငၸၺတထၼပၽၾမယရလဝသႁဢ"
ICU_LOCALE = {"zh_CN": "zh_Hans_CN", "shn": "my"}


def icu_locale(lang: str) -> icu.Locale:
    return icu.Locale(ICU_LOCALE.get(lang, lang))


@cache
def collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("root") if lang == "shn" else icu_locale(lang))


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
    if lang == "shn":
        index.addLabels(icu.UnicodeSet("[" + SHAN_LABELS + "]"))
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
