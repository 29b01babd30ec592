"""The site chrome's own words (language menu, banner, dates, landing page) in each language.

Read straight from mmn_i18n/publishing/site/locale/<lang>/LC_MESSAGES/site.po
(Babel's reader, no .mo needed); a missing or empty translation falls back
to the English text, never to nothing. Used inside Sphinx and by the
landing page, which is written outside Sphinx.
"""
from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from ...gettext.catalogs import read_catalog
from ...language_facts import facts, listed
from ...languages import get_language

LOCALE_DIR = Path(__file__).with_name("locale")
SITE_DOMAIN = "site"

KIND_NAMES = {
    "statement": "Statement",
    "press-release": "Press release",
    "event-report": "Event report",
    "workshop-report": "Workshop report",
    "invitation": "Invitation",
    "executive-summary": "Executive summary",
    "about": "About",
    "vocabulary": "Vocabulary",
}


def site_catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{SITE_DOMAIN}.po"


# Once per process: these are the package's own catalogs, shipped with its code, which a
# running process does not reload either; no project's file is kept here.
@cache
def _messages(language: str) -> dict[str, str]:
    path = site_catalog_path(language)
    if not path.is_file():
        return {}
    return {entry.msgid: entry.msgstr for entry in read_catalog(path)
            if entry.msgid and entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags}


def translate(language: str, message: str) -> str:
    """The site message in language; the English text where there is no translation yet."""
    return _messages(language).get(message) or message


def kind_name(language: str, kind: str) -> str:
    return translate(language, KIND_NAMES.get(kind, kind.replace("-", " ").capitalize()))


def language_name(code: str) -> str:
    """A language's name in itself, short form: 中文, not 中文 (简体, 中国)."""
    locale = Locale.parse(code)
    return locale.get_language_name(locale) or get_language(code).native_name


def native_digits(language: str, text: str) -> str:
    """text with 0-9 written in the language's own digits where its texts use them.

    Which languages do is their `digits` fact (mmn_i18n.language_facts): the
    Burmese catalogs write ၂၀၁၅; the others' translators write 2015, and so does the chrome.
    """
    digits = facts(language).digits
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def has_month_names(language: str) -> bool:
    """False where CLDR only has placeholders ("M12") or no data at all.

    CLDR 47 (Babel 2.19) gives Shan its month names; older releases, and still
    about a hundred locales, have only the placeholders.
    """
    try:
        december = Locale.parse(language).months["format"]["wide"][12]
    except (UnknownLocaleError, ValueError, LookupError):  # Babel has no data for this locale
        return False
    return not (december.startswith("M") and december[1:].isdigit())


@cache
def _default_digits(language: str) -> dict[int, str] | None:
    """ASCII digit -> the digit of the language's default numbering system (CLDR), when not ASCII."""
    import icu

    system = Locale.parse(language).default_numbering_system
    digits = icu.NumberingSystem.createInstanceByName(system).getDescription() if system != "latn" else ""
    return {ord(str(n)): digit for n, digit in enumerate(digits)} if len(digits) == 10 else None


def in_default_digits(text: str, language: str) -> str:
    """Text with the digits the language writes: its `digits` fact, else CLDR's default.

    Babel formats dates with ASCII digits whatever the locale; Burmese texts
    write Myanmar digits, so a date "2015 ဒီဇင်ဘာ 18" beside "၂၀၁၅ ခုနှစ်" in
    the text reads as foreign. Thai, Lao and Khmer write ASCII digits (CLDR
    agrees) and are left alone; a language without an entry in the facts
    table gets CLDR's default numbering system.
    """
    if listed(language):
        return native_digits(language, text)
    table = _default_digits(language)
    return text.translate(table) if table else text


def format_document_date(iso_date: str, language: str) -> str:
    """The :date: of a document in the language's long format, CLDR's month names.

    Where the installed CLDR has no month names for the language (Shan before
    Babel 2.19), the date is written ISO 8601 (2015-12-18): numbers every
    reader of the language reads, in the year-month-day order Shan and
    Burmese dates use, rather than a placeholder such as "M12".
    """
    date = datetime.date.fromisoformat(iso_date)
    if not has_month_names(language):
        return date.isoformat()
    return in_default_digits(format_date(date, format="long", locale=language), language)
