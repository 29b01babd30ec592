"""How wide text is on a terminal, to line up columns in any script.

East Asian wide and full-width characters take two cells; combining marks
(Thai and Lao vowels and tone marks above and below, Burmese and Khmer
signs), zero-width characters and format controls take none; everything else
one, as wcwidth counts them.
"""
from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Terminal cells text takes.

    >>> display_width("中文"), display_width("ไทย"), display_width("ที่"), display_width("ဗမာ")
    (4, 3, 1, 3)
    """
    width = 0
    for char in text:
        category = unicodedata.category(char)
        if category in ("Mn", "Me", "Cf") or char in "\u200b\u1160":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """text followed by spaces up to width cells (as f"{text:<width}" would, by display width)."""
    return text + " " * max(0, width - display_width(text))
