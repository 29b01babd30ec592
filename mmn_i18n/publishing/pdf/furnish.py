"""What a printed page carries besides its text: the letterhead, and the notice of a partial translation.

Both are added to the bare Sphinx page before it is prepared for print
(mmn_i18n.publishing.pdf.prepare), so their words get the same break hints and script
spans as the body. Their words come from the site's catalogs
(mmn_i18n/publishing/site/locale/<lang>/LC_MESSAGES/site.po), English where a
language has no translation yet.
"""
from __future__ import annotations

import html
import re

from ...segment import insert_break_hints
from ..site.site_text import native_digits, translate

NETWORK_NAME = "Mekong Migration Network"
PARTIAL_NOTICE = ("Part of this document is not yet translated: "
                  "the paragraphs still in English are marked with a line in the margin.")

# Over the first page of each part of a document printed in parts (mmn_i18n.publishing.pdf.split).
PART_LABEL = "Part {part} of {parts}"

# The network's public contacts, as the About page gives them (source/about.rst, "Contact").
CONTACTS = ("info@mekongmigration.org", "+66 53 283 259", "www.mekongmigration.org")

# A block-level element the Sphinx extension marked lang="en" on a translated
# page is text no translation replaced yet (mmn_i18n.publishing.site.lang_marks).
# Inline spans marked English are deliberate (the vocabulary's English column).
_UNTRANSLATED_BLOCK = re.compile(
    r'<(?:p|h[1-6]|li|dt|dd|td|th|section|div|blockquote|pre|caption|figcaption|table)\b[^>]*\slang="en"')
_TAG = re.compile(r"<[^>]*>")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_HTML_LANG = re.compile(r'<html\b[^>]*\slang="([^"]*)"')


def page_language(page_html: str) -> str:
    match = _HTML_LANG.search(page_html)
    return match.group(1) if match else "en"


def is_partly_translated(page_html: str) -> bool:
    """True for a non-English page with at least one block of English words.

    A block with no Latin word in it (a phone number the catalog leaves
    as it is) is not counted: nothing in it waits for a translator.
    """
    if page_language(page_html).startswith("en"):
        return False
    body = page_html[page_html.find("<body"):]
    for match in _UNTRANSLATED_BLOCK.finditer(body):
        end = body.find("</", match.end())
        text = _TAG.sub("", body[match.end():end if end > 0 else None])
        if _LATIN_WORD.search(text):
            return True
    return False


def part_label(language: str, part: int, parts: int) -> str:
    """"Part 2 of 3" in the reader's language and digits."""
    return native_digits(language, translate(language, PART_LABEL).format(part=part, parts=parts))


def letterhead_html(language: str, part: tuple[int, int] | None = None) -> str:
    contacts = " · ".join(html.escape(item) for item in CONTACTS)
    label = (f'<p class="mmn-part">{html.escape(part_label(language, *part))}</p>' if part else "")
    return ('<header class="mmn-letterhead">'
            f'<p class="mmn-letterhead-name">{html.escape(translate(language, NETWORK_NAME))}</p>'
            f'<p class="mmn-letterhead-contacts">{contacts}</p>'
            f'{label}</header>\n')


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def notice_css(language: str) -> str:
    """A running footer on every page: the notice on the left, the page number on the right.

    The footer is a page-margin box, which the body's break hints do not
    reach: the notice gets its own.
    """
    notice = insert_break_hints(translate(language, PARTIAL_NOTICE), language)
    return ("<style>@page { "
            f"@bottom-left {{ content: {_css_string(notice)}; }} "
            "@bottom-center { content: none; } "
            '@bottom-right { content: counter(page) " / " counter(pages); } '
            "}</style>\n")


def furnish(page_html: str, language: str, part: tuple[int, int] | None = None) -> str:
    """The page with its letterhead (first thing in <main>) and, if partly translated, the notice.

    A page with the eight-language vocabulary table is printed on landscape
    pages (body class mmn-wide, see print.css). part: (k, N) for the k-th
    of N parts of a document printed in parts, said under the letterhead.
    """
    if 'class="mmn-vocabulary-table' in page_html:
        page_html = page_html.replace("<body>", '<body class="mmn-wide">', 1)
    if is_partly_translated(page_html):
        page_html = page_html.replace("</head>", notice_css(language) + "</head>", 1)
    return page_html.replace("<main>", "<main>\n" + letterhead_html(language, part), 1)
