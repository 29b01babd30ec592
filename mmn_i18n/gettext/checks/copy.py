"""Untranslated copy: prose left exactly as the English."""
from __future__ import annotations

import re
from typing import Iterator

from .core import Context, Severity, Unit, check
from .text import looks_like_code, strip_links

MARKUP = re.compile(r":[\w:+-]+:`[^`]*`|``[^`]*``|`[^`]*`_{0,2}|\|\w+\||\[[#\w-]*\]_")
WORD = re.compile(r"[^\W\d_]{2,}")


def prose_words(text: str) -> list[str]:
    """Lowercase words of running text (names, acronyms, markup and links left out)."""
    text = MARKUP.sub(" ", strip_links(text))
    return [word for word in WORD.findall(text) if not word[0].isupper()]


@check("untranslated", Severity.WARNING, "Translation is the English text, unchanged")
def untranslated(unit: Unit, ctx: Context) -> Iterator[str]:
    """A msgstr identical to a msgid with running prose (three or more ordinary
    words) was probably copied and never translated; Sphinx shows the
    English. Names, acronyms, links, doctests and lists of identifiers are
    fine to copy."""
    for pair in unit.pairs(ctx.nplurals):
        if (pair.translation.strip() == pair.source.strip() and len(prose_words(pair.source)) >= 3
                and not looks_like_code(pair.source)):
            yield pair.label("the translation is the English text: translate it "
                             "(or add the comment `# mmn-ignore: untranslated` if it must stay English)")
