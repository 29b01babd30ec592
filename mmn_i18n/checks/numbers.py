"""Numbers: the figures of the source survive translation (native digits allowed)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from .core import Context, Severity, Unit, check
from .text import PHONE, ascii_digits, strip_links

# 1,000 / 1.000 / 1 000 (and the no-break spaces) are one number whatever the
# locale's grouping; anything else splits at non-digits (so 9:00 == 09.00).
NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d.,]\d)|\d+")
# Calendars translators legitimately convert years to: Buddhist Era (Thai,
# Lao; Khmer counts it from 544), and the Myanmar Era (Burmese, Shan).
ANY_DIGIT = re.compile(r"\d")
YEAR_OFFSETS = {"th": (543,), "lo": (543,), "km": (543, 544), "my": (-638, -639), "shn": (-638, -639)}


def numbers(text: str) -> Counter[int]:
    """The numbers written in text, grouping removed, native digits read.

    >>> sorted(numbers("๑,๓๘๐ people on 18.12.2015, at 09:00").elements())
    [0, 9, 12, 18, 1380, 2015]
    """
    return Counter(int(digits) for digits in _digit_runs(text))


def _digit_runs(text: str) -> list[str]:
    text = PHONE.sub(" ", strip_links(ascii_digits(text)))
    return [re.sub(r"\D", "", match.group()) for match in NUMBER.finditer(text)]


def _lookalikes(number: int, extra: Counter[int], source: str, translation: str) -> list[int]:
    """Extra numbers written with as many digits as number: a changed figure, not another one."""
    widths = {len(str(number))} | {len(digits) for digits in _digit_runs(source) if int(digits) == number}
    written = {int(digits): len(digits) for digits in _digit_runs(translation)}
    return [other for other in extra if {len(str(other)), written.get(other)} & widths]


def _explained(number: int, extra: Counter[int], language: str) -> bool:
    """A year given in the language's own era counts as the same number."""
    if 1800 <= number <= 2200:
        return any(number + offset in extra for offset in YEAR_OFFSETS.get(language, ()))
    return False


@check("numbers", Severity.ERROR, "A number of the source is changed in the translation")
def changed_numbers(unit: Unit, ctx: Context) -> Iterator[str]:
    """A figure of the source is missing and the translation has another one
    of the same length instead ("138" → "183"). Thai, Lao, Khmer, Burmese and
    Shan digits, any digit grouping and years in the Buddhist or Myanmar era
    count as the same number."""
    for pair in unit.pairs(ctx.nplurals):
        missing, extra = _missing_and_extra(pair.source, pair.translation, ctx.language.code)
        for number in missing:
            lookalikes = _lookalikes(number, extra, pair.source, pair.translation)
            if lookalikes:
                yield pair.label(f"{number} in the source is {lookalikes[0]} in the translation; "
                                 "check the figure")


@check("numbers-missing", Severity.WARNING, "A number of the source is not in the translation")
def missing_numbers(unit: Unit, ctx: Context) -> Iterator[str]:
    """A figure of the source does not appear in the translation (perhaps
    written out in words, which is fine, or dropped, which is not)."""
    for pair in unit.pairs(ctx.nplurals):
        missing, extra = _missing_and_extra(pair.source, pair.translation, ctx.language.code)
        lost = [n for n in missing if not _lookalikes(n, extra, pair.source, pair.translation)]
        if lost:
            yield pair.label(f"{', '.join(map(str, lost))} of the source not found in the translation")


def _missing_and_extra(source: str, translation: str, language: str) -> tuple[list[int], Counter[int]]:
    if not ANY_DIGIT.search(source):
        return [], Counter()
    wanted, found = numbers(source), numbers(translation)
    extra = found - wanted
    missing = [n for n in (wanted - found) if not _explained(n, extra, language)]
    for number in wanted - found:
        if _explained(number, extra, language):
            for offset in YEAR_OFFSETS[language]:
                extra.pop(number + offset, None)
    return sorted(missing), extra
