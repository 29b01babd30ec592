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
over a typing pause. The page is the document's messages in catalog order,
which is the page's order (Sphinx extracts them walking the doctree): each
renders as above, the entry being edited with the new text, fuzzy and
untranslated ones in English marked lang="en" as lang_marks does on the site.
It is the page's text and links, not its sidebar and headers' levels.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

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
    check_safe(english, translation)
    inner = render_rest(translation) if translation.strip() else ""
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
