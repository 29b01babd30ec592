"""Whitespace: a translation starts and ends like its source (spaces, newlines)."""
from __future__ import annotations

from typing import Iterator

from .core import Context, Severity, Unit, check


def _leading(text: str) -> str:
    return text[:len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()):]


def _show(space: str) -> str:
    return repr(space) if space else "nothing"


@check("newlines", Severity.ERROR, "Translation does not begin/end with a newline like the source")
def newlines(unit: Unit, ctx: Context) -> Iterator[str]:
    """msgfmt --check rejects a catalog where msgid and msgstr do not both
    begin (or both end) with a newline."""
    for pair in unit.pairs(ctx.nplurals):
        for edge, index in (("begin", 0), ("end", -1)):
            source_nl = pair.source[index:][:1] == "\n" if pair.source else False
            translation_nl = pair.translation[index:][:1] == "\n" if pair.translation else False
            if source_nl != translation_nl:
                which = "does" if source_nl else "does not"
                yield pair.label(f"the source {which} {edge} with a newline and the translation must match")


@check("whitespace", Severity.WARNING, "Leading or trailing spaces differ from the source")
def edge_spaces(unit: Unit, ctx: Context) -> Iterator[str]:
    """Spaces before or after the text usually join it to what the program
    prints next to it; keep the source's."""
    for pair in unit.pairs(ctx.nplurals):
        for edge, cut in (("leading", _leading), ("trailing", _trailing)):
            source = cut(pair.source).replace("\n", "")
            translation = cut(pair.translation).replace("\n", "")
            if source != translation:
                yield pair.label(f"{edge} space: the source has {_show(source)}, "
                                 f"the translation {_show(translation)}")
