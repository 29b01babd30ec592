"""Links and contacts: a translation sends readers to the same URLs, addresses and phones."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from .core import Context, Severity, Unit, check
from .text import emails, phones, urls


def _compare(source: list[str], translation: list[str], what: str) -> Iterator[str]:
    missing = sorted(set(source) - set(translation))
    extra = sorted(set(translation) - set(source))
    if missing and extra:
        yield f"{what} changed: {', '.join(missing)} became {', '.join(extra)}; copy it exactly from the source"
    elif missing:
        yield f"{what} missing: {', '.join(missing)}"
    elif extra:
        yield f"{what} not in the source: {', '.join(extra)}; a translation must not send readers elsewhere"


@check("links", Severity.ERROR, "URLs, e-mail addresses or phone numbers differ from the source")
def links(unit: Unit, ctx: Context) -> Iterator[str]:
    """Every URL, e-mail address and phone number of the source appears in the
    translation unchanged, and the translation adds none."""
    for pair in unit.pairs(ctx.nplurals):
        if not any(mark in pair.source + pair.translation for mark in ("://", "www.", "@", "+", "0")):
            continue
        yield from map(pair.label, _compare(urls(pair.source), urls(pair.translation), "URL"))
        yield from map(pair.label, _compare(emails(pair.source), emails(pair.translation), "e-mail address"))
        source_phones, translation_phones = phones(pair.source), phones(pair.translation)
        if Counter(source_phones) != Counter(translation_phones):
            yield from map(pair.label, _compare(source_phones, translation_phones, "phone number"))
