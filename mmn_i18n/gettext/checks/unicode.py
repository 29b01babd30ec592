"""Unicode hygiene: normalisation, stray control and invisible characters, CJK punctuation."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from .core import Context, Severity, Unit, check

# Which invisible characters a language uses (zero-width space between words in
# scripts written without spaces; ZWNJ/ZWJ shaping Khmer and Myanmar conjuncts)
# is its invisible_ok fact (mmn_i18n.language_facts).
INVISIBLE = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
             "\u2060": "word joiner", "\u00ad": "soft hyphen", "\u2028": "line separator",
             "\u2029": "paragraph separator", "\u180e": "Mongolian vowel separator"}
ASCII_AFTER_HAN = re.compile(r"(?<=[\u3400-\u9fff])[,;:?!](?=[\u3400-\u9fff\s]|$)|(?<=[\u3400-\u9fff])\.(?=\s|$)")
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
INVISIBLE_PATTERN = re.compile("[" + "".join(INVISIBLE) + "]")


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, INVISIBLE.get(char, 'control')).lower()}"


@check("control-char", Severity.ERROR, "Control, bidi-override or byte-order-mark characters")
def control_characters(unit: Unit, ctx: Context) -> Iterator[str]:
    """Control characters (other than newline and tab), bidirectional
    overrides and byte-order marks are invisible, break rendering and can
    disguise text; delete them."""
    for pair in unit.pairs(ctx.nplurals):
        bad = sorted(set(CONTROL.findall(pair.translation)) - set(pair.source))
        if bad:
            yield pair.label(f"delete {', '.join(map(_name, bad))}")


@check("invisible-char", Severity.WARNING, "Invisible characters the language does not use")
def invisible_characters(unit: Unit, ctx: Context) -> Iterator[str]:
    """Zero-width spaces belong in Thai, Lao, Khmer and Burmese text (word
    breaks), not in Vietnamese or Chinese; soft hyphens and line separators
    usually come from copy-pasting out of a word processor."""
    allowed = ctx.language.facts.invisible_ok
    for pair in unit.pairs(ctx.nplurals):
        bad = sorted(set(INVISIBLE_PATTERN.findall(pair.translation)) - set(allowed) - set(pair.source))
        if bad:
            yield pair.label(f"remove {', '.join(map(_name, bad))}")


@check("unicode-nfc", Severity.WARNING, "Text not in Unicode normalisation form C")
def not_nfc(unit: Unit, ctx: Context) -> Iterator[str]:
    """Decomposed accents (e.g. Vietnamese typed on some Macs) compare and
    search differently from the composed form everyone else types."""
    for pair in unit.pairs(ctx.nplurals):
        if not unicodedata.is_normalized("NFC", pair.translation):
            yield pair.label("text is not NFC (decomposed characters): re-save it normalised to NFC")


@check("cjk-punctuation", Severity.WARNING, "ASCII punctuation in Chinese text")
def cjk_punctuation(unit: Unit, ctx: Context) -> Iterator[str]:
    """Chinese text takes full-width punctuation (，。：；？！) after Chinese
    characters; ASCII marks there mix two styles in one sentence."""
    if ctx.language.script not in ("Hans", "Hant"):
        return
    for pair in unit.pairs(ctx.nplurals):
        marks = sorted({match.group() for match in ASCII_AFTER_HAN.finditer(pair.translation)})
        if marks:
            yield pair.label("ASCII punctuation after Chinese characters: use "
                             + ", ".join(f"{FULLWIDTH[m]} for {m}" for m in marks))
