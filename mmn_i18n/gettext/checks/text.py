"""Text helpers shared by the checks: scripts of letters, digits, links, placeholders."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters of the scripts the project meets, by code point range (ISO 15924 codes).
SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x1000, 0x109F, "Mymr"), (0xA9E0, 0xA9FF, "Mymr"), (0xAA60, 0xAA7F, "Mymr"),
    (0x1780, 0x17FF, "Khmr"), (0x19E0, 0x19FF, "Khmr"),
    (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xF900, 0xFAFF, "Hani"),
    (0x20000, 0x3134F, "Hani"),
    (0x3040, 0x309F, "Hira"), (0x30A0, 0x30FF, "Kana"), (0xAC00, 0xD7AF, "Hang"),
    (0x0400, 0x04FF, "Cyrl"), (0x0370, 0x03FF, "Grek"),
)

# Shan writes with the Myanmar script plus letters of its own (Unicode's
# "Myanmar Extended" block rows for Shan): text without any of them is Burmese.
SHAN_LETTERS = frozenset(chr(c) for c in [*range(0x1075, 0x1090), *range(0x109A, 0x109E)])

# Letters Burmese writes and Shan does not (Shan has its own ၵ ၸ ၺ ၽ... and no
# medial ra): Myanmar-script text with these and no Shan letter is Burmese.
BURMESE_ONLY = frozenset("ဂဃဇဈညဋဌဍဎဏဒဓဘဥဦဧဩဪ၌၍၎၏ဿ\u103c")

URL = re.compile(r"""(?:\b(?:https?|ftp)://|\bwww\.)[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+""")
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# International (+66 ...) or local numbers with a leading 0 and separated groups;
# bare digit runs are left to the numbers check.
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}"
                   r"|\(?0\d{1,2}\)?[ .-]\d{3}[ .-]?\d{3,4})(?!\w)")
# Unambiguous placeholders, stripped before comparing numbers whatever the flags say.
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[-+ #0]*\d*[a-zA-Z]|\{\w*(?:[.:!][^{}]*)?\}")


def script_of(char: str) -> str:
    """The ISO 15924 script of a letter ("Zyyy" for anything else).

    >>> script_of("ກ"), script_of("ก"), script_of("ế")
    ('Laoo', 'Thai', 'Latn')
    """
    return _script_of(ord(char))


@lru_cache(maxsize=4096)
def _script_of(code: int) -> str:
    for low, high, script in SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return "Zyyy"


def is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def trim_url(url: str) -> str:
    """A URL without the sentence punctuation that follows it in prose."""
    while url and url[-1] in ".,;:!?'":
        url = url[:-1]
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def urls(text: str) -> list[str]:
    return [trim_url(match.group()) for match in URL.finditer(text)]


def emails(text: str) -> list[str]:
    return [match.group().lower() for match in EMAIL.finditer(text) if "://" not in match.group()]


def phones(text: str) -> list[str]:
    """Phone numbers, as their digits only (so "+66 53 123 456" equals "+66-53-123-456")."""
    found = []
    for match in PHONE.finditer(ascii_digits(text)):
        digits = re.sub(r"\D", "", match.group())
        if 8 <= len(digits) <= 15:
            found.append(("+" if match.group().startswith("+") else "") + digits)
    return found


_DIGITS = {
    code: str(unicodedata.decimal(chr(code)))
    for start in (0x0E50, 0x0ED0, 0x17E0, 0x1040, 0x1090, 0xFF10, 0x0660, 0x06F0, 0x0966)
    for code in range(start, start + 10)
}


def ascii_digits(text: str) -> str:
    """Native digits (Thai ๑, Lao ໑, Khmer ១, Myanmar ၁, Shan ႑, full-width １) as ASCII.

    >>> ascii_digits("๑๓๘ ၁၈၃ ០៩")
    '138 183 09'
    """
    return text.translate(_DIGITS)


def strip_links(text: str) -> str:
    """Text without URLs, e-mail addresses and placeholders (they are checked elsewhere)."""
    text = URL.sub(" ", text)
    text = EMAIL.sub(" ", text)
    return PLACEHOLDER.sub(" ", text)


# Text a translator rightly leaves as it is: a doctest or shell session, or a
# list of identifiers (codec names, options). Script and copy checks skip it.
CODE_LINE = re.compile(r"^[ \t]*(?:>>>|\.\.\.(?:[ \t]|$)|\$[ \t])", re.MULTILINE)
IDENTIFIER_LIST = re.compile(r"\s*[\w.+\-/:*@]+(?:\s*[,;]\s*[\w.+\-/:*@]+)+\s*[.,;]?\s*")


def looks_like_code(text: str) -> bool:
    """Whether text is a doctest, a shell session or a list of identifiers.

    >>> looks_like_code(">>> print(1)\\n1"), looks_like_code("ascii, latin_1, utf-8")
    (True, True)
    >>> looks_like_code("Read the text, then write it")
    False
    """
    return bool(CODE_LINE.match(text) or IDENTIFIER_LIST.fullmatch(text))
