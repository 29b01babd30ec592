"""Line breaks on the web only where the language allows: between words (Thai, Lao, Khmer, Burmese) or syllables (Shan).

Chromium breaks Shan inside syllables ("မိူ|င်း") and sometimes Burmese
inside words, and neither `word-break: keep-all` nor `<wbr>` alone stops
it (measured in Chromium 156). What does: every word of a run of those
scripts is its own `<span class="mmn-w">` (CSS white-space: nowrap), with
`<wbr>` between words. No character is added to the text, so copy-paste,
innerText and find-in-page give the text exactly as the translator wrote it
(a U+200B would be copied along).

Words come from mmn_i18n.segment.line_breaks: ICU's dictionaries for my,
km, lo, th and the Shan syllable rule, chosen by the nearest lang attribute
(the language menu on a Khmer page names Shan in Shan). The written pages
are rewritten once at build-finished; a page Sphinx did not write again in
an incremental build keeps its marker and is left alone
(mmn_i18n.publishing.site.chrome.finish_pages runs the pass).
"""
from __future__ import annotations

import html
import re

from ... import segment
from ...language_facts import facts

WORD_CLASS = "mmn-w"
# Languages whose text Chromium would break in the wrong places are those with
# the web_word_spans fact (mmn_i18n.language_facts).
_HINTED = re.compile(f"[{segment._HINTED_SCRIPT_CHARS}]")
_RUN = re.compile(r"[^\s<>&]*[" + segment._HINTED_SCRIPT_CHARS + r"][^\s<>&]*")
_ENTITY = re.compile(r"(&#?\w+;)")
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
_LANG_ATTR = re.compile(r'\slang="([^"]*)"')
RAW_TEXT = {"script", "style", "title", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _lang_key(lang: str) -> str | None:
    """Our segmenter's language for an HTML lang value (zh-CN -> None: Chromium's CJK rules are right)."""
    base = lang.replace("-", "_").split("_")[0].lower()
    if not base:
        return None
    return base if facts(base).web_word_spans else None


def segment_run(run: str, lang: str) -> str:
    """One run of non-space text (already HTML-escaped, no entities) as words in spans with <wbr> between."""
    breaks = segment.line_breaks(run, lang)
    if not breaks and len(run) < 2:
        return run
    # A run of one word is wrapped too: Chromium's dictionary may cut it where ours does not.
    cuts = [0, *breaks, len(run)]
    words = [run[a:b] for a, b in zip(cuts, cuts[1:])]
    return "<wbr>".join(f'<span class="{WORD_CLASS}">{word}</span>' for word in words)


def segment_text(text: str, lang: str) -> str:
    if not _HINTED.search(text):
        return text
    # Entities (&amp;) are left whole: a run never starts or ends inside one.
    return "".join(piece if piece.startswith("&") else _RUN.sub(lambda match: segment_run(match.group(), lang), piece)
                   for piece in _ENTITY.split(text))


def mark_line_breaks(page: str, page_lang: str) -> str:
    """The page with the words of my/shn/km/lo/th text wrapped; tags, attributes and raw text untouched."""
    out: list[str] = []
    stack: list[tuple[str, str]] = [("#root", page_lang)]
    raw_until: str | None = None
    for token in _TOKEN.findall(page):
        if token.startswith("<"):
            out.append(token)
            tag = _TAG.fullmatch(token)
            if not tag:
                continue  # comment, doctype
            closing, name = tag.group(1), tag.group(2).lower()
            if raw_until:
                if closing and name == raw_until:
                    raw_until = None
                continue
            if closing:
                for depth in range(len(stack) - 1, 0, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in VOID and not tag.group(3).rstrip().endswith("/"):
                lang = _LANG_ATTR.search(tag.group(3))
                stack.append((name, html.unescape(lang.group(1)) if lang else stack[-1][1]))
                if name in RAW_TEXT:
                    raw_until = name
            continue
        key = None if raw_until else _lang_key(stack[-1][1])
        out.append(segment_text(token, key) if key else token)
    return "".join(out)


_MARKED_WORD = re.compile(f'<span class="{WORD_CLASS}">([^<]*)</span>|<wbr>')


def unmark_line_breaks(page: str) -> str:
    """The page as it was before mark_line_breaks (the marks are exactly what it adds)."""
    return _MARKED_WORD.sub(lambda match: match.group(1) or "", page)
