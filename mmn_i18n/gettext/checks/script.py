"""Wrong script: a translation written in a script its language does not use."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ...languages import Language
from .core import Context, Severity, Unit, check
from .text import BURMESE_ONLY, SCRIPT_RANGES, SHAN_LETTERS, looks_like_code, script_of, strip_links

SCRIPT_NAMES = {"Latn": "Latin", "Thai": "Thai", "Laoo": "Lao", "Khmr": "Khmer", "Mymr": "Myanmar",
                "Hani": "Chinese", "Hira": "Japanese", "Kana": "Japanese", "Hang": "Korean",
                "Cyrl": "Cyrillic", "Grek": "Greek"}
# What a reader of a translation does not read: role targets (English by
# design), literals, links, placeholders.
NOT_PROSE = re.compile(r":(?:doc|ref|numref|download|any):`[^`<]*`|<[^<>`]*>`|``[^`]*``|\|\w+\||%\(\w+\)\w|%\w|<[^<>]*>"
                       r"|[\w.-]*[/_=@#][\w./=#@-]*|\w+\(\)|\w+\.\w+")
# One Chinese character carries about as much as three letters of an alphabet.
LETTER_WEIGHT = {"Hani": 3, "Hang": 2}
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,}(?:,? [a-z]{2,}){3,}\b")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
VIETNAMESE_MARKS = re.compile(r"[^\x00-\x7f]")


# CLDR gives some languages a script code that stands for several scripts
# (ISO 15924 "Jpan" is Japanese writing: Han + Hiragana + Katakana): a letter
# belongs to one of the parts, so expectations are expanded to them.
COMPOSITE_SCRIPTS = {
    "Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"), "Hrkt": ("Hira", "Kana"),
    "Hans": ("Hani",), "Hant": ("Hani",), "Hanb": ("Hani", "Bopo"),
}


def expected_scripts(language: Language) -> tuple[str, ...]:
    """The scripts a language's letters come from, from CLDR's likely script.

    >>> from mmn_i18n.languages import get_language
    >>> expected_scripts(get_language("ja")), expected_scripts(get_language("ar"))
    (('Hani', 'Hira', 'Kana'), ('Arab',))
    """
    return COMPOSITE_SCRIPTS.get(language.script, (language.script,))


def _expected(language: Language) -> str:
    """The language's main script (the first part of a composite one)."""
    return expected_scripts(language)[0]


# One character class per script, so counting letters is a C-speed regex scan.
SCRIPT_PATTERNS = {
    script: re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high, name in SCRIPT_RANGES
                                      if name == script) + "]")
    for script in dict.fromkeys(name for _, _, name in SCRIPT_RANGES)
}


@lru_cache(maxsize=64)
def script_pattern(script: str) -> re.Pattern | None:
    """A character class of one script: our table's, else ICU's (any script Unicode knows)."""
    if script in SCRIPT_PATTERNS:
        return SCRIPT_PATTERNS[script]
    import icu

    try:
        letters = icu.UnicodeSet(f"[:Script={script}:]")
    except icu.ICUError:
        return None
    ranges = [(ord(low), ord(high)) for low, high in
              ((letters.getRangeStart(i), letters.getRangeEnd(i)) for i in range(letters.getRangeCount()))]
    if not ranges:
        return None
    return re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]")


@lru_cache(maxsize=16384)
def letter_scripts(text: str, also: tuple[str, ...] = ()) -> Counter[str]:
    """How many characters of each script text has (letters, marks, native digits);
    `also`: scripts outside our table to count too (a language's own, via ICU)."""
    counts = Counter({script: n for script, pattern in SCRIPT_PATTERNS.items() if (n := len(pattern.findall(text)))})
    for script in also:
        pattern = script_pattern(script) if script not in SCRIPT_PATTERNS else None
        if pattern is not None and (n := len(pattern.findall(text))):
            counts[script] = n
    return counts


def latin_prose_letters(text: str) -> int:
    """Letters in Latin words starting lowercase: running text, not names or acronyms."""
    return sum(len(word) for word in LATIN_WORD.findall(text) if len(word) > 1 and word[0].islower())


@lru_cache(maxsize=16384)
def prose(text: str) -> str:
    return NOT_PROSE.sub(" ", strip_links(text))


@lru_cache(maxsize=16384)
def script_problem(text: str, language: Language) -> str | None:
    """Why text (prose already) cannot be in language's script, or None."""
    scripts = expected_scripts(language)
    expected = scripts[0]
    counts = letter_scripts(text, scripts)
    native = sum(counts[script] for script in scripts)
    foreign = [(n, s) for s, n in counts.items() if s not in scripts and s not in ("Latn", "Zyyy")]
    if foreign:
        count, script = max(foreign)
        if count >= 4 and count > native:
            return (f"the text is mostly {SCRIPT_NAMES.get(script, script)} script, which "
                    f"{language.english_name} does not use: is this the right translation?")
    if expected != "Latn":
        latin = latin_prose_letters(text)
        if latin >= 12 and native * LETTER_WEIGHT.get(expected, 1) * 3 < latin:
            return (f"the text is mostly in Latin letters (English?), not "
                    f"{SCRIPT_NAMES.get(expected, expected)}: translate it")
    # Short Shan words can be written with letters common to Burmese (မိူင်း),
    # so it takes a Burmese-only letter as well as no Shan one.
    if (language.code.split("_")[0] == "shn" and native >= 10 and not SHAN_LETTERS.intersection(text)
            and BURMESE_ONLY.intersection(text)):
        return ("Myanmar-script text without any Shan letter (ၵ ၶ ၸ ၼ ၽ ၾ ႁ ႃ ႄ ႇ ႈ ...): "
                "this looks like Burmese, not Shan")
    return None


@check("script", Severity.ERROR, "Translation mostly in a script the language does not use")
def wrong_script(unit: Unit, ctx: Context) -> Iterator[str]:
    """Thai text in a Lao catalog, Burmese without a single Shan letter in a
    Shan catalog, English sentences in a Khmer one: the words are in another
    language's script. Names and acronyms in Latin letters are fine."""
    for pair in unit.pairs(ctx.nplurals):
        if pair.translation.strip() == pair.source.strip() or looks_like_code(pair.translation):
            continue  # the untranslated check reports copies; code stays code
        problem = script_problem(prose(pair.translation), ctx.language)
        if problem:
            yield pair.label(problem)


@check("script-mixed", Severity.WARNING, "Words in a script the language does not use")
def mixed_script(unit: Unit, ctx: Context) -> Iterator[str]:
    """A few letters of another non-Latin script inside the translation (a
    Thai word in Lao text...), an English phrase left in, or Vietnamese
    without a single Vietnamese letter."""
    scripts = expected_scripts(ctx.language)
    expected = scripts[0]
    for pair in unit.pairs(ctx.nplurals):
        text = prose(pair.translation)
        if (pair.translation.strip() == pair.source.strip() or looks_like_code(pair.translation)
                or script_problem(text, ctx.language)):
            continue  # reported by the untranslated or script checks; code stays code
        counts = letter_scripts(text, scripts)
        foreign = {s for s in counts if s not in scripts and s != "Latn"}
        if foreign:
            names = ", ".join(SCRIPT_NAMES.get(s, s) for s in sorted(foreign))
            yield pair.label(f"{names} letters in {ctx.language.english_name} text: {_sample(text, foreign)}")
        phrase = ENGLISH_PHRASE.search(text) if expected != "Latn" else None
        if phrase and any(counts[script] for script in scripts):
            yield pair.label(f"English words left in the translation: {phrase.group()!r}")
        if ctx.language.code == "vi":
            words = [w for w in LATIN_WORD.findall(text) if w[0].islower()]
            if len(words) >= 6 and not VIETNAMESE_MARKS.search(text):
                yield pair.label("no Vietnamese letter (ă â đ ê ô ơ ư or a tone mark) in a long "
                                 "text: is it still English?")


def _sample(text: str, scripts: set[str]) -> str:
    chars = [char for char in text if script_of(char) in scripts]
    return repr("".join(chars[:12]))


@lru_cache(maxsize=1)
def _simplifier():
    import icu  # PyICU; only needed for Chinese catalogs

    return icu.Transliterator.createInstance("Hant-Hans")


@check("zh-traditional", Severity.WARNING, "Traditional characters in a Simplified Chinese catalog")
def traditional_chinese(unit: Unit, ctx: Context) -> Iterator[str]:
    """zh_CN readers expect Simplified characters; ICU's Hant-Hans transform
    names the Traditional ones found."""
    if ctx.language.script != "Hans":
        return
    for pair in unit.pairs(ctx.nplurals):
        text = pair.translation
        if not any(script_of(char) == "Hani" for char in text):
            continue
        simplified = _simplifier().transliterate(text)
        if simplified != text and len(simplified) == len(text):
            changed = sorted({f"{a}→{b}" for a, b in zip(text, simplified) if a != b})
            yield pair.label(f"Traditional characters: {', '.join(changed[:6])}")
