"""Every fact the tool knows about a language, one entry per language: the only place they live.

Segmentation, search, fonts, line heights, digits, dates, plural rule,
calendars, affixes the vocabulary drops: each module that needs one of these
reads it from `facts(code)`, never from a table of its own. Adding a language
is one entry in FACTS plus `mmn-i18n init CODE`; a language without an entry
still works, with the defaults of its script (`_script_defaults`), which is
how any CLDR language can be initialised.

Importing this module costs nothing: Babel is asked (for the script of a
language without an entry) only when such a language is looked up.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

# How the words of a text are found, in order of preference:
#   "dictionary": ICU's dictionary break iterators (icu_locale), for scripts without spaces;
#   "syllables":  our Myanmar-script syllable rule (mmn_i18n.segment), where ICU has no dictionary;
#   "spaces":     white space and punctuation (ICU's root rules).
DICTIONARY, SYLLABLES, SPACES = "dictionary", "syllables", "spaces"
# The search index's splitter: ours by dictionary or syllables, Sphinx's jieba, or Sphinx's default.
JIEBA, SPHINX_DEFAULT = "jieba", "sphinx"


@dataclass(frozen=True)
class LanguageFacts:
    code: str  # gettext form, as in locale/<code>/: "zh_CN"
    script: str  # ISO 15924
    word_spaces: bool  # whether writers put spaces between words
    # CLDR's English name, held here so that listing a project's languages needs no Babel
    # (tests/test_language_facts.py keeps it equal to CLDR's); "" asks Babel.
    english_name: str = ""
    segmentation: str = SPACES  # DICTIONARY, SYLLABLES or SPACES (see above)
    icu_locale: str = "root"  # the ICU dictionary/collation locale
    # Word boundaries also at every syllable start: ICU's Burmese dictionary glues
    # particles to the word before them ("သူများ" is one ICU word).
    syllable_word_bounds: bool = False
    search_splitter: str = SPHINX_DEFAULT  # DICTIONARY, SYLLABLES, JIEBA or SPHINX_DEFAULT
    # Wrap each word of the web page in a no-break span: Chromium breaks these inside words.
    web_word_spans: bool = False
    plural_forms: str | None = None  # the Plural-Forms header; None: CLDR's rule through Babel
    html_lang: str = ""  # BCP 47; "" means the code with "-" for "_"
    # Fonts (the Noto family that leads the stack; "" for the shared Latin/CJK stack) and spacing.
    font_family: str = ""
    web_line_height: float | None = None  # site paragraphs; None: the theme's
    pdf_line_height: float | None = None  # PDF text; None: the stylesheet's 1.5
    pdf_heading_line_height: float | None = None  # PDF h1/h2; None: 1.35
    pdf_table_line_height: float | None = None  # PDF table cells; None: 1.45
    upright_emphasis: bool = False  # no italic design: emphasis by colour, never a slanted fake
    # Digits the language's texts (and its dates) are written in; "" for 0-9.
    digits: str = ""
    # Calendar eras translators convert years to (years added to the Gregorian year).
    year_offsets: tuple[int, ...] = ()
    # Invisible characters that belong in the script (word breaks, conjunct shaping).
    invisible_ok: str = ""
    # Affixes a vocabulary term may carry but lose in running text (glossary.textmatch).
    noun_prefixes: tuple[str, ...] = ()
    noun_suffixes: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    inflection_marks: tuple[str, ...] = ()
    # A regular expression for the plural ending a term may take in running text ("workers").
    plural_ending: str = ""
    # Collation: ICU locale ("" = icu_locale) and extra A-Z index labels ICU lacks.
    collation_locale: str = ""
    index_labels: str = ""

    @property
    def bcp47(self) -> str:
        return self.html_lang or self.code.replace("_", "-")


_MYANMAR_INVISIBLES = "\u200b\u200c\u200d"  # ZWSP between words, ZWNJ/ZWJ shape conjuncts

FACTS: dict[str, LanguageFacts] = {entry.code: entry for entry in [
    LanguageFacts("en", "Latn", word_spaces=True, english_name="English", plural_forms="nplurals=2; plural=(n != 1);",
                  plural_ending="e?s"),
    LanguageFacts("vi", "Latn", word_spaces=True, english_name="Vietnamese", plural_forms="nplurals=1; plural=0;"),
    LanguageFacts("my", "Mymr", word_spaces=False, english_name="Burmese", segmentation=DICTIONARY, icu_locale="my",
                  syllable_word_bounds=True, search_splitter=DICTIONARY, web_word_spans=True,
                  plural_forms="nplurals=1; plural=0;",
                  font_family="Noto Sans Myanmar", web_line_height=1.9, pdf_line_height=1.9,
                  pdf_heading_line_height=1.8, pdf_table_line_height=1.7, upright_emphasis=True,
                  digits="၀၁၂၃၄၅၆၇၈၉", year_offsets=(-638, -639), invisible_ok=_MYANMAR_INVISIBLES,
                  noun_suffixes=("ခြင်း", "မှု"), particles=("များ", "၏"),
                  # the creaky tone makes a possessive (ရွှေ့ပြောင်းသူ -> ရွှေ့ပြောင်းသူ့ကလေးများ)
                  inflection_marks=("\u1037",)),
    LanguageFacts("shn", "Mymr", word_spaces=False, english_name="Shan", segmentation=SYLLABLES, icu_locale="my",
                  # ICU's Burmese dictionary cuts Shan syllables in half: syllables only
                  syllable_word_bounds=True, search_splitter=SYLLABLES, web_word_spans=True,
                  plural_forms="nplurals=1; plural=(0);",
                  font_family="Noto Sans Myanmar", web_line_height=1.9, pdf_line_height=1.9,
                  pdf_heading_line_height=1.8, pdf_table_line_height=1.7, upright_emphasis=True,
                  year_offsets=(-638, -639), invisible_ok=_MYANMAR_INVISIBLES, noun_prefixes=("ၵၢၼ်",),
                  # no CLDR collation for Shan: root order, Shan consonants as A-Z headings
                  collation_locale="root", index_labels="ၵၶငၸၺတထၼပၽၾမယရလဝသႁဢ"),
    LanguageFacts("km", "Khmr", word_spaces=False, english_name="Khmer", segmentation=DICTIONARY, icu_locale="km",
                  search_splitter=DICTIONARY, web_word_spans=True, plural_forms="nplurals=1; plural=0;",
                  font_family="Noto Sans Khmer", web_line_height=1.9, pdf_line_height=1.85,
                  pdf_heading_line_height=1.8, pdf_table_line_height=1.7, upright_emphasis=True,
                  year_offsets=(543, 544), invisible_ok=_MYANMAR_INVISIBLES,
                  noun_prefixes=("ការ", "សេចក្ដី", "សេចក្តី")),
    LanguageFacts("lo", "Laoo", word_spaces=False, english_name="Lao", segmentation=DICTIONARY, icu_locale="lo",
                  search_splitter=DICTIONARY, web_word_spans=True, plural_forms="nplurals=1; plural=0;",
                  font_family="Noto Sans Lao", web_line_height=1.9, pdf_line_height=1.7,
                  upright_emphasis=True, year_offsets=(543,), invisible_ok="\u200b",
                  noun_prefixes=("ການ", "ຄວາມ")),
    LanguageFacts("th", "Thai", word_spaces=False, english_name="Thai", segmentation=DICTIONARY, icu_locale="th",
                  search_splitter=DICTIONARY, web_word_spans=True, plural_forms="nplurals=1; plural=0;",
                  font_family="Noto Sans Thai", web_line_height=1.9, pdf_line_height=1.7,
                  upright_emphasis=True, year_offsets=(543,), invisible_ok="\u200b",
                  noun_prefixes=("การ", "ความ")),
    # Chinese: ICU's dictionary for words, jieba for the search index (Sphinx's own),
    # no font shipped (every device has a CJK font, see publishing/site/fonts.py).
    LanguageFacts("zh_CN", "Hans", word_spaces=False, english_name="Chinese (Simplified, China)", segmentation=DICTIONARY, icu_locale="zh_CN",
                  search_splitter=JIEBA, plural_forms="nplurals=1; plural=0;",
                  pdf_line_height=1.7, upright_emphasis=True, collation_locale="zh_Hans_CN"),
]}

# Defaults for a language without an entry, by script: what its writers separate words with.
_NO_SPACE_SCRIPTS = {
    "Thai": "\u200b", "Laoo": "\u200b", "Khmr": _MYANMAR_INVISIBLES, "Mymr": _MYANMAR_INVISIBLES,
    "Hans": "", "Hant": "", "Jpan": "",
}
_SEGMENTED_SCRIPTS = frozenset({"Thai", "Laoo", "Khmr", "Mymr"})  # Chromium needs our word spans


def _script_defaults(code: str, script: str) -> LanguageFacts:
    if script not in _NO_SPACE_SCRIPTS:
        return LanguageFacts(code, script, word_spaces=True)
    return LanguageFacts(code, script, word_spaces=False, segmentation=DICTIONARY, icu_locale=code,
                         search_splitter=JIEBA if script in ("Hans", "Hant") else DICTIONARY,
                         web_word_spans=script in _SEGMENTED_SCRIPTS, invisible_ok=_NO_SPACE_SCRIPTS[script])


def facts(code: str) -> LanguageFacts:
    """The facts of a language, by gettext code ("th", "zh_CN") or BCP 47 tag ("zh-CN").

    A regional variant without an entry of its own (km_KH) takes its language's
    entry; a language with neither takes its script's defaults (Babel says the script).
    """
    code = code.replace("-", "_")
    if code in FACTS:
        return FACTS[code]
    base = code.split("_")[0]
    if base in FACTS:
        return _variant(code, FACTS[base])
    return _derived(code)


@cache
def _variant(code: str, entry: LanguageFacts) -> LanguageFacts:
    # the variant's own name comes from CLDR ("Khmer (Cambodia)")
    return replace(entry, code=code, english_name="")


def html_lang(code: str) -> str:
    """The BCP 47 tag of a gettext code, as in HTML lang, hreflang, xml:lang and TMX: "zh_CN" -> "zh-CN"."""
    return facts(code).bcp47


def listed(code: str) -> bool:
    """Whether the table has an entry for the language (or for the language of a regional variant)."""
    code = code.replace("-", "_")
    return code in FACTS or code.split("_")[0] in FACTS


@cache
def _derived(code: str) -> LanguageFacts:
    from .languages import likely_script  # Babel, only for languages without an entry

    return _script_defaults(code, likely_script(code))
