"""The language registry: a project's languages, with the facts of mmn_i18n.language_facts and CLDR's names.

Cheap to import and to look up: the facts come from the table in
language_facts; Babel (CLDR names, plural rules of languages without an
entry) is imported only when a name or a rule the table does not hold is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from .errors import MmnError
from .language_facts import FACTS, LanguageFacts, facts

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # gettext form, as in locale/<code>/: "zh_CN"

    @cached_property
    def facts(self) -> LanguageFacts:
        return facts(self.code)

    @property
    def script(self) -> str:  # ISO 15924, e.g. "Mymr"
        return self.facts.script

    @property
    def html_lang(self) -> str:  # BCP 47, e.g. "zh-CN"
        return self.facts.bcp47

    @property
    def uses_whitespace(self) -> bool:
        return self.facts.word_spaces

    @cached_property
    def plural_forms(self) -> str:  # the Plural-Forms header value
        return self.facts.plural_forms or _cldr_plural_forms(self.code)

    @property
    def nplurals(self) -> int:
        return int(self.plural_forms.split(";")[0].split("=")[1])

    @cached_property
    def locale(self):
        from babel import Locale

        return Locale.parse(self.code)

    @cached_property
    def english_name(self) -> str:
        return self.facts.english_name or self.locale.english_name or self.code

    @cached_property
    def native_name(self) -> str:
        return self.locale.get_display_name(self.locale) or self.code

    @cached_property
    def script_name(self) -> str:
        from babel import Locale

        return Locale("en").scripts.get(self.script, self.script)


class UnknownLanguage(MmnError):
    """A language code that Babel/CLDR does not know."""


def _likely_script(locale) -> str:
    """The script of a Babel Locale, CLDR's likely one when the tag names none."""
    from babel.core import get_global, parse_locale

    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    expanded = likely.get(str(locale)) or likely.get(locale.language, "")
    # Locale.parse would drop a default script, so split the tag ourselves.
    return (parse_locale(expanded)[2] if expanded else None) or "Zyyy"


def likely_script(code: str) -> str:
    """The script a code is written in by CLDR ("Zyyy" when Babel does not know the code)."""
    try:
        return _likely_script(_babel_locale(code.replace("-", "_")))
    except UnknownLanguage:
        return "Zyyy"


def _babel_locale(code: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise UnknownLanguage(_unknown_message(code)) from None


def _cldr_plural_forms(code: str) -> str:
    # Babel's curated gettext table wins where it has the language; for the
    # rest CLDR's own rules are turned into a gettext expression.
    from babel.messages.plurals import PLURALS, get_plural
    from babel.plural import to_gettext

    locale = _babel_locale(code)
    if str(locale) in PLURALS or locale.language in PLURALS:
        return get_plural(locale).plural_forms
    return to_gettext(locale.plural_form)


@cache
def get_language(code: str) -> Language:
    """The Language for a gettext code such as "th" or "zh_CN".

    A code with an entry in the facts table is known without asking Babel;
    any other must be a locale CLDR knows.

    >>> get_language("zh_CN").html_lang
    'zh-CN'
    >>> get_language("shn").script
    'Mymr'
    """
    if code not in FACTS:
        _babel_locale(code)  # refuses a code CLDR does not know
    return Language(code)


def _unknown_message(code: str, choices: list[str] | None = None) -> str:
    import difflib  # only when a code is refused

    if choices:
        pool = choices
    else:
        from babel import localedata

        pool = localedata.locale_identifiers()
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
