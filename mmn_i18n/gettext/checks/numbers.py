"""Numbers: the figures of the source survive translation (native digits allowed)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from babel import Locale, UnknownLocaleError

from ...language_facts import facts
from .core import Context, Severity, Unit, check
from .text import PHONE, ascii_digits, strip_links

# 1,000 / 1.000 / 1 000 (and the no-break spaces) are one number whatever the
# locale's grouping; anything else splits at non-digits (so 9:00 == 09.00).
NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d|[.,]\d)|\d+")
# Calendars translators legitimately convert years to: Buddhist Era (Thai,
# Lao; Khmer counts it from 544), and the Myanmar Era (Burmese, Shan).
ANY_DIGIT = re.compile(r"\d")
# (Each language's offsets are its year_offsets fact, mmn_i18n.language_facts.)


@lru_cache(maxsize=8192)
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
        return any(number + offset in extra for offset in facts(language).year_offsets)
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


@lru_cache(maxsize=4096)  # three checks ask for each pair; the results are only read
def _missing_and_extra(source: str, translation: str, language: str) -> tuple[list[int], Counter[int]]:
    if not ANY_DIGIT.search(source):
        return [], Counter()
    wanted, found = numbers(source), numbers(translation)
    extra = found - wanted
    decades = {int(match.group(1)) for match in DECADE.finditer(source)}
    pattern, names = month_names(language)
    # 1980-12-31 may be written "31 décembre 1980": the month is there, as a name.
    months = {names[m.group().lower()] for m in pattern.finditer(translation)} if pattern else set()
    missing = [n for n in (wanted - found) if not _explained(n, extra, language)
               and not (n in decades and n % 100 in found)  # the 1970s: 70年代
               and n not in months]
    for number in wanted - found:
        if _explained(number, extra, language):
            for offset in facts(language).year_offsets:
                extra.pop(number + offset, None)
    return sorted(missing), extra


# Dates and counts written in words in English that a translation may write as
# figures: month and weekday names ("October" -> "tháng 10", "10月"), number
# and ordinal words, decades ("the 1970s" -> "20世纪70年代").
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
ENGLISH_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
NUMBER_WORDS = {word: number for number, words in enumerate([
    ("zero", "no"), ("one", "first", "once", "a", "an", "single"), ("two", "second", "twice", "both", "pair"),
    ("three", "third"), ("four", "fourth", "quarter"), ("five", "fifth"), ("six", "sixth"),
    ("seven", "seventh", "week"), ("eight", "eighth"), ("nine", "ninth"), ("ten", "tenth", "decade"),
    ("eleven", "eleventh"), ("twelve", "twelfth", "dozen", "year")]) for word in words}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
COMPOUND = re.compile(r"\b(" + "|".join(TENS) + r")[- ](one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)
NUMBER_WORDS.update(TENS)
NUMBER_WORDS.update({"hundred": 100, "century": 100,
                     "thousand": 1000, "million": 1000000, "half": 2, "daily": 24, "hour": 60, "minute": 60})
WORD = re.compile(r"[A-Za-z]+")
SHAN_DIGITS = re.compile("[\u1090-\u1099]")
DECADE = re.compile(r"\b(1[89]\d0|20\d0)['’]?s\b")


@lru_cache(maxsize=64)
def month_names(language: str) -> tuple[re.Pattern | None, dict[str, int]]:
    """CLDR's wide month names of a language written without figures (ตุลาคม,
    octobre, 十月), longest first, and the month each one is."""
    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None, {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for month, name in locale.months[context]["wide"].items():
            if not ANY_DIGIT.search(name) and len(name) >= 2:
                names.setdefault(name.lower(), month)
    if not names:
        return None, {}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE), names


def explained_numbers(source: str, language: str) -> set[int]:
    """Every figure a faithful translation of source may write."""
    found = set(numbers(source))
    for year in [n for n in found if 1800 <= n <= 2200]:
        found.update(year + offset for offset in facts(language).year_offsets)
    for match in DECADE.finditer(source):
        year = int(match.group(1))
        found.update((year % 100, year // 100 + 1))  # 1970s: the 70s of the 20th century
    for match in ENGLISH_MONTH.finditer(source):
        found.add(next(number for number, name in enumerate(MONTHS, 1) if name.startswith(match.group(1)[:3])))
    for match in ENGLISH_WEEKDAY.finditer(source):
        day = WEEKDAYS.index(match.group(1)) + 1
        found.update((day, day + 1))  # Monday is day 1 (ISO), or "thứ 2" (the second day) in Vietnamese
    for match in COMPOUND.finditer(source):  # twenty-five
        found.add(TENS[match.group(1).lower()] + NUMBER_WORDS[match.group(2).lower()])
    for word in WORD.findall(source):
        number = NUMBER_WORDS.get(word.lower())
        if number is not None:
            found.add(number)
    return found


@check("numbers-extra", Severity.WARNING, "A figure of the translation is in neither the source nor its dates")
def extra_numbers(unit: Unit, ctx: Context) -> Iterator[str]:
    """A figure in the translation that the English does not have, not even
    as a month or weekday name ("October" may be "tháng 10" or "10月", never
    "tháng 70"), a number word, a decade or a year in the Buddhist or Myanmar era."""
    for pair in unit.pairs(ctx.nplurals):
        translation = pair.translation
        if not ctx.language.code.startswith("shn"):
            # Shan digits are letters in Burmese typed in Zawgyi (the zawgyi check's)
            translation = SHAN_DIGITS.sub(" ", translation)
        if not ANY_DIGIT.search(ascii_digits(translation)):
            continue
        allowed = explained_numbers(pair.source, ctx.language.code)
        missing, changed = _missing_and_extra(pair.source, pair.translation, ctx.language.code)
        for number in missing:  # a changed figure is the numbers check's error already
            allowed.update(_lookalikes(number, changed, pair.source, pair.translation)[:1])
        extra = sorted({n for n in numbers(translation) if n not in allowed})
        if extra:
            yield pair.label(f"{', '.join(map(str, extra))} in the translation is not in the source "
                             "(nor a month, weekday or year of it): check the figure")


@check("dates", Severity.WARNING, "A month of the source is another month in the translation")
def changed_months(unit: Unit, ctx: Context) -> Iterator[str]:
    """"October" translated with the name of another month (CLDR's month names
    of the language: ตุลาคม, octobre, 十月...)."""
    pattern, names = month_names(ctx.language.code)
    if pattern is None:
        return
    for pair in unit.pairs(ctx.nplurals):
        found = ENGLISH_MONTH.findall(pair.source)
        if not found:
            continue
        wanted = {number for number, name in enumerate(MONTHS, 1) for month in found if name.startswith(month[:3])}
        written = {names[match.group().lower()] for match in pattern.finditer(pair.translation)}
        wrong = sorted(written - wanted)
        if wrong and not wanted & written:
            yield pair.label(f"{', '.join(MONTHS[n - 1] for n in sorted(wanted))} in the source, "
                             f"{', '.join(MONTHS[n - 1] for n in wrong)} in the translation")
