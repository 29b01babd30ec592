"""The language registry: every fact about a language comes from Babel/CLDR."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel import localedata
from babel.messages.plurals import PLURALS, get_plural
from babel.plural import to_gettext

from .errors import MmnError

SOURCE_LANGUAGE = "en"

# Scripts whose writers put no spaces between words: word boundaries must come
# from a dictionary (ICU) or a syllable rule, never from white space.
SCRIPTS_WITHOUT_WORD_SPACES = frozenset({"Thai", "Laoo", "Khmr", "Mymr", "Hans", "Hant", "Jpan"})


@dataclass(frozen=True)
class Language:
    code: str  # gettext form, as in locale/<code>/: "zh_CN"
    english_name: str
    native_name: str
    script: str  # ISO 15924, e.g. "Mymr"
    script_name: str
    html_lang: str  # BCP 47, e.g. "zh-CN"
    plural_forms: str  # the Plural-Forms header value
    nplurals: int

    @property
    def uses_whitespace(self) -> bool:
        return self.script not in SCRIPTS_WITHOUT_WORD_SPACES

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)


class UnknownLanguage(MmnError):
    """A language code that Babel/CLDR does not know."""


def _likely_script(locale: Locale) -> str:
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    expanded = likely.get(str(locale)) or likely.get(locale.language, "")
    # Locale.parse would drop a default script, so split the tag ourselves.
    return (parse_locale(expanded)[2] if expanded else None) or "Zyyy"


def _plural_forms(locale: Locale) -> str:
    # Babel's curated gettext table wins where it has the language; for the
    # rest (my, shn) CLDR's own rules are turned into a gettext expression.
    if str(locale) in PLURALS or locale.language in PLURALS:
        return get_plural(locale).plural_forms
    return to_gettext(locale.plural_form)


@cache
def get_language(code: str) -> Language:
    """The Language for a gettext code such as "th" or "zh_CN".

    >>> get_language("zh_CN").html_lang
    'zh-CN'
    >>> get_language("shn").script
    'Mymr'
    """
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise UnknownLanguage(_unknown_message(code)) from None
    script = _likely_script(locale)
    plural_forms = _plural_forms(locale)
    nplurals = int(plural_forms.split(";")[0].split("=")[1])
    return Language(
        code=code,
        english_name=locale.english_name or code,
        native_name=locale.get_display_name(locale) or code,
        script=script,
        script_name=Locale("en").scripts.get(script, script),
        html_lang=code.replace("_", "-"),
        plural_forms=plural_forms,
        nplurals=nplurals,
    )


def _unknown_message(code: str, choices: list[str] | None = None) -> str:
    pool = choices or localedata.locale_identifiers()
    close = difflib.get_close_matches(code, pool, n=4, cutoff=0.5)
    if close:
        hint = f" Did you mean: {', '.join(close)}?"
    elif choices:
        hint = f" Valid codes: {', '.join(choices)}."
    else:
        hint = ""
    return f"Unknown language {code!r}.{hint} Run `mmn-i18n languages` to list the project's languages."


def require_project_language(code: str, project_codes: list[str]) -> Language:
    """The Language for code, refusing codes the project has not initialised."""
    if code not in project_codes:
        try:
            get_language(code)
        except UnknownLanguage:
            raise UnknownLanguage(_unknown_message(code, project_codes)) from None
        raise UnknownLanguage(
            f"Language {code!r} is not one of this project's languages ({', '.join(project_codes)}). "
            f"Run `mmn-i18n init {code}` to add it."
        )
    return get_language(code)
