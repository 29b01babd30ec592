"""Wrong script: a translation written in a script its language does not use."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..languages import Language
from .core import Context, Severity, Unit, check
from .text import BURMESE_ONLY, SCRIPT_RANGES, SHAN_LETTERS, script_of, strip_links

SCRIPT_NAMES = {"Latn": "Latin", "Thai": "Thai", "Laoo": "Lao", "Khmr": "Khmer", "Mymr": "Myanmar",
                "Hani": "Chinese", "Hira": "Japanese", "Kana": "Japanese", "Hang": "Korean",
                "Cyrl": "Cyrillic", "Grek": "Greek"}
# What a reader of a translation does not read: role targets (English by
# design), literals, links, placeholders.
NOT_PROSE = re.compile(r":(?:doc|ref|numref|download|any):`[^`<]*`|<[^<>`]*>`|``[^`]*``|\|\w+\||%\(\w+\)\w|%\w|<[^<>]*>"
                       r"|[\w.-]*[/_=@#][\w./=#@-]*|\w+\(\)|\w+\.\w+")
# One Chinese character carries about as much as three letters of an alphabet.
LETTER_WEIGHT = {"Hani": 3}
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,}(?:,? [a-z]{2,}){3,}\b")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
VIETNAMESE_MARKS = re.compile(r"[^\x00-\x7f]")


def _expected(language: Language) -> str:
    return "Hani" if language.script in ("Hans", "Hant") else language.script


# One character class per script, so counting letters is a C-speed regex scan.
SCRIPT_PATTERNS = {
    script: re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high, name in SCRIPT_RANGES
                                      if name == script) + "]")
    for script in dict.fromkeys(name for _, _, name in SCRIPT_RANGES)
}


@lru_cache(maxsize=16384)
def letter_scripts(text: str) -> Counter[str]:
    """How many characters of each script text has (letters, marks, native digits)."""
    return Counter({script: n for script, pattern in SCRIPT_PATTERNS.items() if (n := len(pattern.findall(text)))})


def latin_prose_letters(text: str) -> int:
    """Letters in Latin words starting lowercase: running text, not names or acronyms."""
    return sum(len(word) for word in LATIN_WORD.findall(text) if len(word) > 1 and word[0].islower())


@lru_cache(maxsize=16384)
def prose(text: str) -> str:
    return NOT_PROSE.sub(" ", strip_links(text))


@lru_cache(maxsize=16384)
def script_problem(text: str, language: Language) -> str | None:
    """Why text (prose already) cannot be in language's script, or None."""
    expected = _expected(language)
    counts = letter_scripts(text)
    native = counts[expected]
    foreign = [(n, s) for s, n in counts.items() if s not in (expected, "Latn", "Zyyy")]
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
        if pair.translation.strip() == pair.source.strip():
            continue  # the untranslated check reports copies
        problem = script_problem(prose(pair.translation), ctx.language)
        if problem:
            yield pair.label(problem)


@check("script-mixed", Severity.WARNING, "Words in a script the language does not use")
def mixed_script(unit: Unit, ctx: Context) -> Iterator[str]:
    """A few letters of another non-Latin script inside the translation (a
    Thai word in Lao text...), an English phrase left in, or Vietnamese
    without a single Vietnamese letter."""
    expected = _expected(ctx.language)
    for pair in unit.pairs(ctx.nplurals):
        text = prose(pair.translation)
        if pair.translation.strip() == pair.source.strip() or script_problem(text, ctx.language):
            continue  # reported by the untranslated or script checks
        counts = letter_scripts(text)
        foreign = {s for s in counts if s not in (expected, "Latn")}
        if foreign:
            names = ", ".join(SCRIPT_NAMES.get(s, s) for s in sorted(foreign))
            yield pair.label(f"{names} letters in {ctx.language.english_name} text: {_sample(text, foreign)}")
        phrase = ENGLISH_PHRASE.search(text) if expected != "Latn" else None
        if phrase and counts[expected]:
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
