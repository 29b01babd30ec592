"""A translation rendered as the published page renders its paragraph.

The sites are Sphinx builds of reStructuredText; a msgstr is inline reST (a
paragraph, a title, a list item). Here it goes through docutils' own parser
and HTML5 writer, as Sphinx's translator does, with the settings that make
the output safe: no raw HTML, no file inclusion, every text escaped by the
writer. Before that, the build's own rules (mmn_i18n.publishing.site.safety) refuse
what the build would refuse, with the same words. Sphinx's cross-reference
roles (:term:, :doc:, :ref:) become links with the class the site's CSS
styles, pointing at the page the build would link (a term at the vocabulary).

Decision, whole-page preview: rendering the page's doctree through Sphinx
costs seconds per document (environment, extensions, i18n transforms), far
over a typing pause. When the language's site is built (`mmn-i18n build`),
the preview is that page (build/html/<lang>/<doc>.html) with the element
showing the entry (its translation at build time, or the English) replaced
by the new translation rendered as above, its scripts removed, its CSS and
fonts served by the workspace. When it is not built, or the element is not
found, the page is the document's messages in catalog order, which is the
page's order (Sphinx extracts them walking the doctree): each renders as
above, fuzzy and untranslated ones in English marked lang="en" as
lang_marks does on the site, and the page says that it is not the site's page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree, publish_from_doctree
from docutils.parsers.rst import roles

from ...publishing.site.safety import problems

# Roles Sphinx adds, as the HTML build shows them: text, linked where the build links.
TITLE_TARGET = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]*)>$", re.S)
SETTINGS = {
    "raw_enabled": False,  # `.. raw::` and raw roles: refused before, and disabled here again
    "file_insertion_enabled": False,
    "report_level": 5,  # no system messages in the fragment
    "halt_level": 5,
    "warning_stream": False,
    "input_encoding": "unicode",
    "output_encoding": "unicode",
    "embed_stylesheet": False,
    "stylesheet_path": "",
    "doctitle_xform": False,
    "sectsubtitle_xform": False,
    "initial_header_level": 2,
    "syntax_highlight": "none",
}


def _sphinx_role(css: str, link: str | None):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        match = TITLE_TARGET.match(text)
        title = match["title"] if match else text
        target = match["target"] if match else text
        title = title.lstrip("~!")
        if link is None:
            node = nodes.inline(rawtext, title, classes=["xref", css])
        else:
            href = link.format(target=re.sub(r"[^\w-]+", "-", target.strip().lower()).strip("-"))
            node = nodes.reference(rawtext, title, refuri=href, classes=["reference", "internal", css])
        return [node], []
    return role


for _name, _css, _link in (("term", "std-term", "../vocabulary/index.html#term-{target}"),
                           ("doc", "std-doc", "../{target}.html"), ("ref", "std-ref", "#{target}"),
                           ("numref", "std-numref", "#{target}"), ("abbr", "abbr", None),
                           ("dfn", "dfn", None), ("guilabel", "guilabel", None), ("kbd", "kbd", None),
                           ("file", "file", None), ("program", "program", None), ("menuselection", "menuselection", None)):
    roles.register_local_role(_name, _sphinx_role(_css, _link))


class UnsafePreview(ValueError):
    """The build would refuse this translation; str() says why."""


def check_safe(english: str, translation: str) -> None:
    found = problems(english, translation)
    if found:
        raise UnsafePreview("; ".join(found))


@lru_cache(maxsize=512)
def render_rest(text: str) -> str:
    """The HTML body of inline reST, as the site's paragraph (docutils' HTML5 writer)."""
    doctree = publish_doctree(text, settings_overrides=SETTINGS)
    # a lone paragraph: the page's <p>; anything else (a list, a title) as docutils writes it
    parts = publish_from_doctree(doctree, writer="html5", settings_overrides=SETTINGS)
    body = parts.decode("utf-8") if isinstance(parts, bytes) else parts
    match = re.search(r'<main>\s*(.*?)\s*</main>|<div class="document"[^>]*>\s*(.*?)\s*</div>\s*</body>', body, re.S)
    return (match.group(1) or match.group(2)) if match else ""


def render_paragraph(english: str, translation: str, html_lang: str) -> str:
    """The paragraph as the page shows it, in its language; UnsafePreview if the build refuses it."""
    from ...publishing.site.line_breaks import mark_line_breaks

    check_safe(english, translation)
    # words wrapped where the language allows a break, as the build marks the page
    inner = mark_line_breaks(render_rest(translation), html_lang) if translation.strip() else ""
    return f'<div class="body mmn-preview" lang="{html.escape(html_lang)}">{inner}</div>'


def render_page(messages: list[tuple[str, str, bool]], html_lang: str) -> str:
    """A document's messages in page order: (English, translation or "", the one being edited).

    Each shows its translation, or the English marked lang="en" as the site does.
    """
    parts = []
    for english, translation, edited in messages:
        text, lang = (translation, html_lang) if translation.strip() else (english, "en")
        try:
            check_safe(english, text)
            inner = render_rest(text)
        except UnsafePreview as why:
            inner = f'<p class="mmn-refused">{html.escape(str(why))}</p>'
        mark = " mmn-edited" if edited else ""
        parts.append(f'<div class="mmn-message{mark}" lang="{html.escape(lang)}">{inner}</div>')
    return f'<div class="body mmn-page" lang="{html.escape(html_lang)}">{"".join(parts)}</div>'


# --- the whole page: the language's built site page with the edit applied ---------------------

BLOCK = re.compile(r"<(?P<tag>p|h[1-6]|dt|caption)(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</(?P=tag)>", re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>|<script\b[^>]*/>", re.S | re.I)
LINK = re.compile(r"<link\b[^>]*>", re.I)
STYLESHEET_HREF = re.compile(r'\bhref="(?:\.\./)*_static/(?P<name>[\w.-]+\.css)(?:\?[^"]*)?"')
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                        "–": "-", "—": "-", "\u00a0": " "})
# the workspace serves these itself (fonts as on the site); the theme's own CSS comes from the build
WORKSPACE_CSS = {"mmn-fonts.css": "/site/mmn-fonts.css", "mmn-site.css": "/site/mmn-site.css"}


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, for finding a paragraph: no tags, marks, quotes' curl or spacing."""
    from ...publishing.site.line_breaks import unmark_line_breaks

    text = re.sub(r"<[^>]+>", " ", HEADERLINK.sub("", unmark_line_breaks(fragment)))
    text = html.unescape(text).translate(QUOTES).replace("...", "…")
    return " ".join(text.split())


def _block_inner(rendered: str) -> str:
    """The content of a rendered lone paragraph (the page's element keeps its own tag)."""
    match = re.fullmatch(r"\s*<p>(.*)</p>\s*", rendered, re.S)
    return match.group(1) if match else rendered


def find_block(page: str, candidates: list[str]) -> re.Match | None:
    """The page's element showing one of candidates (rendered HTML): exact words first, else the closest."""
    from difflib import SequenceMatcher

    wanted = [plain_text(candidate) for candidate in candidates if candidate.strip()]
    wanted = [text for text in wanted if text]
    if not wanted:
        return None
    blocks = [(match, plain_text(match.group("inner"))) for match in BLOCK.finditer(page)]
    for match, text in blocks:
        if text in wanted:
            return match
    best, score = None, 0.0
    for match, text in blocks:
        for target in wanted:
            ratio = SequenceMatcher(None, text, target, autojunk=False).ratio()
            if ratio > score:
                best, score = match, ratio
    if score >= 0.85:
        return best
    # a reference Sphinx resolved (:ref: shows the section's title, not the label): the same beginning, once
    for target in wanted:
        start = target[:40]
        same = [match for match, text in blocks if len(start) >= 12 and text.startswith(start)]
        if len(same) == 1:
            return same[0]
    return None


def built_page_preview(page: str, candidates: list[str], translation: str, html_lang: str, css_base: str,
                       note: str, saved: list[PageChange] = ()) -> str | None:
    """The built page with the element showing one of candidates replaced by translation, or None if not found.

    translation is rendered as render_paragraph renders it (the build's
    refusal rules first, docutils escaping) and marked for line breaks as
    the build marks the page. The page keeps its CSS (the theme's from
    css_base, the fonts and the site's own from the workspace) and loses its
    scripts: a preview runs no code (its Content-Security-Policy allows none
    either). Each of saved (entries saved since the build) is applied too
    (apply_page_changes); note is formatted with {placed} and {missed}, their counts.
    """
    from ...publishing.site.line_breaks import mark_line_breaks

    match = find_block(page, candidates)
    if match is None:
        return None
    inner = mark_line_breaks(_block_inner(render_rest(translation)), html_lang) if translation.strip() else ""
    headerlink = "".join(HEADERLINK.findall(match.group("inner")))
    attrs = re.sub(r'\slang="[^"]*"', "", match.group("attrs"))
    edited = (f'<{match["tag"]}{attrs} lang="{html.escape(html_lang)}"><span class="mmn-edited" id="mmn-edited">'
              f'{inner}</span>{headerlink}</{match["tag"]}>')
    page = page[:match.start()] + edited + page[match.end():]
    page, placed, missed = apply_page_changes(page, list(saved), html_lang)
    note = note.format(placed=placed, missed=missed)
    page = SCRIPT.sub("", page)
    page = LINK.sub(lambda link: _stylesheet_link(link.group(), css_base), page)
    banner = (f'<link rel="stylesheet" href="/static/page-preview.css">'
              f'<p class="mmn-preview-note" lang="en">{html.escape(note)}</p>')
    return re.sub(r"(<body\b[^>]*>)", lambda body: body.group(1) + banner, page, count=1)


# --- saved edits since the build, applied to the built page ------------------------------------

@dataclass(frozen=True)
class PageChange:
    """One entry whose text on the page differs from now: what the build showed, and what to show."""

    english: str
    built: str  # the text the build put on the page: its translation then, or the English
    now: str  # the translation to show, or "" (untranslated or fuzzy now: the page shows the English)


def built_translations(mo_path: Path, page_path: Path) -> dict[str, str] | None:
    """{msgid: msgstr} of the compiled catalog Sphinx read for the page, or None if it is not that one.

    Sphinx compiles <doc>.mo beside the .po at the start of a build that
    finds the .po newer (fuzzy entries left out, as the page leaves them out),
    before it writes any page; workspace saves never touch it. A .mo newer
    than the page was compiled by a later Sphinx run (a PDF build, say) and
    may hold saves the page does not show: not used.
    """
    import polib

    try:
        if mo_path.stat().st_mtime > page_path.stat().st_mtime:
            return None
        compiled = polib.mofile(str(mo_path))
    except (OSError, ValueError):
        return None
    return {entry.msgid: entry.msgstr for entry in compiled
            if entry.msgid and not entry.msgid_plural and not entry.msgctxt}


def apply_page_changes(page: str, changes: list[PageChange], html_lang: str) -> tuple[str, int, int]:
    """(the page with each change's element showing its text now, how many placed, how many not).

    An element is found by the words the build showed (exact words first,
    else the closest as find_block does), each element claimed once; a text
    that the build showed for several changes cannot be told apart and is
    not placed. The new text is rendered, refused and marked as the edit is.
    """
    from collections import Counter

    from ...publishing.site.line_breaks import mark_line_breaks

    blocks = [(match, plain_text(match.group("inner"))) for match in BLOCK.finditer(page)]
    by_text: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(blocks):
        by_text.setdefault(text, []).append(index)
    shared = Counter(change.built for change in changes)
    claimed: dict[int, str] = {}
    placed = missed = 0
    for change in changes:
        shown, lang = (change.now, html_lang) if change.now.strip() else (change.english, "en")
        try:
            check_safe(change.english, shown)
            inner = mark_line_breaks(_block_inner(render_rest(shown)), lang)
        except UnsafePreview:
            missed += 1
            continue
        built = plain_text(render_rest(change.built)) if change.built.strip() else ""
        found = [i for i in by_text.get(built, []) if i not in claimed] if built and shared[change.built] == 1 else []
        if not found and built and shared[change.built] == 1:
            found = _closest_block(blocks, claimed, built)
        if not found:
            missed += 1
            continue
        for index in found:
            match = blocks[index][0]
            headerlink = "".join(HEADERLINK.findall(match.group("inner")))
            attrs = re.sub(r'\slang="[^"]*"', "", match.group("attrs"))
            claimed[index] = (f'<{match["tag"]}{attrs} lang="{html.escape(lang)}"><span class="mmn-saved">{inner}'
                              f'</span>{headerlink}</{match["tag"]}>')
        placed += 1
    for index in sorted(claimed, reverse=True):
        match = blocks[index][0]
        page = page[:match.start()] + claimed[index] + page[match.end():]
    return page, placed, missed


def _closest_block(blocks: list[tuple[re.Match, str]], claimed: dict[int, str], target: str) -> list[int]:
    """The unclaimed elements with the words closest to target (ratio 0.85 or more; a label the page
    repeats, such as the vocabulary's "Example :", is every copy of it)."""
    from difflib import SequenceMatcher

    best, score = None, 0.85
    for index, (_, text) in enumerate(blocks):
        if index in claimed:
            continue
        matcher = SequenceMatcher(None, text, target, autojunk=False)
        if matcher.real_quick_ratio() >= score and matcher.quick_ratio() >= score and matcher.ratio() >= score:
            best, score = index, matcher.ratio()
    if best is None:
        return []
    return [index for index, (_, text) in enumerate(blocks) if index not in claimed and text == blocks[best][1]]


def _stylesheet_link(tag: str, css_base: str) -> str:
    """A stylesheet link pointed at the workspace's copy; any other <link> dropped."""
    if 'rel="stylesheet"' not in tag:
        return ""
    href = STYLESHEET_HREF.search(tag)
    if href is None:
        return ""
    name = href.group("name")
    return f'<link rel="stylesheet" href="{WORKSPACE_CSS.get(name, css_base + name)}">'


def fallback_page(fragment: str, html_lang: str, note: str) -> str:
    """render_page's messages as a page of their own, with the site's CSS and a note saying what it is."""
    return (f'<!DOCTYPE html><html lang="{html.escape(html_lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="/site/mmn-fonts.css"><link rel="stylesheet" href="/site/mmn-site.css">'
            '<link rel="stylesheet" href="/static/page-preview.css"></head><body>'
            f'<p class="mmn-preview-note" lang="en">{html.escape(note)}</p>{fragment}</body></html>')
