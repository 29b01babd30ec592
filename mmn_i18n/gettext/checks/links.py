"""Links and contacts: a translation sends readers to the same URLs, addresses and phones."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from .core import Context, Severity, Unit, check
from .text import emails, phones, urls

# A language label in a host (en.wikipedia.org), a path segment (/en/stable/)
# or a file name (first.en.html): what sites change to serve a translation.
LANGUAGE_TOKEN = re.compile(r"(?<=[/.])[a-z]{2}(?:[-_][a-z]{2,4})?(?=[/.])")


def _localised_key(url: str, codes: tuple[str, ...]) -> tuple[str, str]:
    """(host, path) with the language labels of English or codes blanked ("*"),
    "www." and the scheme dropped."""
    text = re.sub(r"^[a-z]+://(?:www\.)?|^www\.", "/", url.lower()) + "/"
    blanked = LANGUAGE_TOKEN.sub(lambda m: "*" if m.group().split("-")[0].split("_")[0] in codes else m.group(),
                                 text)
    host, _, path = blanked[1:].partition("/")
    return host, path


def localised_pairs(missing: list[str], extra: list[str], language: str) -> list[tuple[str, str]]:
    """Source URLs whose translation points to the same site in the catalog's
    language (en.wikipedia.org -> fr.wikipedia.org, /en/ -> /fr/) or differs
    only by "www." or the scheme: a translator's deliberate choice to check,
    not a broken link."""
    codes = ("en", language.split("_")[0].lower())
    found, left = [], list(extra)
    for url in missing:
        source_host, source_path = _localised_key(url, codes)
        for other in left:
            host, path = _localised_key(other, codes)
            same_page = path == source_path and host == source_host
            if host == source_host and (same_page or ("*" in host + path and other != url)):
                found.append((url, other))
                left.remove(other)
                break
    return found


def _compare(source: list[str], translation: list[str], what: str) -> Iterator[str]:
    missing = sorted(set(source) - set(translation))
    extra = sorted(set(translation) - set(source))
    if missing and extra:
        yield f"{what} changed: {', '.join(missing)} became {', '.join(extra)}; copy it exactly from the source"
    elif missing:
        yield f"{what} missing: {', '.join(missing)}"
    elif extra:
        yield f"{what} not in the source: {', '.join(extra)}; a translation must not send readers elsewhere"


def _url_changes(source: str, translation: str, language: str) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """URLs only in the source, only in the translation, and localised (source, translation) pairs."""
    source_urls, translation_urls = urls(source), urls(translation)
    missing = sorted(set(source_urls) - set(translation_urls))
    extra = sorted(set(translation_urls) - set(source_urls))
    localised = localised_pairs(missing, extra, language)
    for url, other in localised:
        missing.remove(url)
        extra.remove(other)
    return missing, extra, localised


def _may_link(text: str) -> bool:
    return any(mark in text for mark in ("://", "www.", "@", "+", "0"))


@check("links", Severity.ERROR, "URLs, e-mail addresses or phone numbers differ from the source")
def links(unit: Unit, ctx: Context) -> Iterator[str]:
    """Every URL, e-mail address and phone number of the source appears in the
    translation unchanged, and the translation adds none. A URL changed to
    the same site in the catalog's language is the links-localised warning."""
    for pair in unit.pairs(ctx.nplurals):
        if not _may_link(pair.source + pair.translation):
            continue
        missing, extra, _ = _url_changes(pair.source, pair.translation, ctx.language.code)
        yield from map(pair.label, _compare(missing, extra, "URL"))
        yield from map(pair.label, _compare(emails(pair.source), emails(pair.translation), "e-mail address"))
        source_phones, translation_phones = phones(pair.source), phones(pair.translation)
        if Counter(source_phones) != Counter(translation_phones):
            yield from map(pair.label, _compare(source_phones, translation_phones, "phone number"))


@check("links-localised", Severity.WARNING, "A URL points to the same site in the translation's language")
def localised_links(unit: Unit, ctx: Context) -> Iterator[str]:
    """en.wikipedia.org became fr.wikipedia.org, /en/ became /fr/, or only
    "www." changed: usually a translator's good choice, but the page must
    exist and say the same thing."""
    for pair in unit.pairs(ctx.nplurals):
        if "://" not in pair.translation and "www." not in pair.translation:
            continue
        for url, other in _url_changes(pair.source, pair.translation, ctx.language.code)[2]:
            yield pair.label(f"URL {url} became {other}: check that this page exists and says the same")
