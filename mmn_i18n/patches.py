"""Every change mmn-i18n makes to a library's own code, in one place.

A patch is applied by the code that needs it, by calling its function here
(mmn_i18n.publishing.pdf.render before printing, the Sphinx extension's
search part at setup), never as a side effect of importing a module. Each
says what it changes, why, and the upstream issue; applying one twice
changes nothing more. A patch changes a library for the whole process, as
the library itself is process-wide: that is why they are few and here.

Not patches, so not here: subclasses (search_zh.SearchChineseFixed), and
methods replaced on our own instances (gettext/checks/rst.py's inliners).
"""
from __future__ import annotations

from typing import Iterable

import re
from io import BytesIO

from .segment import ZWSP

_APPLIED: set[str] = set()  # which patches this process has applied (as process-wide as the libraries)
_ORIGINALS: dict[str, object] = {}  # the library functions the patches wrap


def patch_weasyprint() -> None:
    """The three changes our PDFs need from WeasyPrint 70 and pydyf 0.13 (each below)."""
    if "weasyprint" in _APPLIED:
        return
    import pydyf
    from weasyprint import pdf as weasy_pdf
    from weasyprint.draw import text as weasy_text

    # draw_text and the PDF writer look these functions up in their modules at call time,
    # so replacing the module attribute is enough (the PDF tests check the result against
    # WeasyPrint's pinned major version).
    _ORIGINALS["draw_first_line"] = weasy_text.draw_first_line
    weasy_text.draw_first_line = _draw_first_line_with_actual_text
    _ORIGINALS["build_fonts_dictionary"] = weasy_pdf.build_fonts_dictionary
    weasy_pdf.build_fonts_dictionary = _build_fonts_dictionary_without_empty_mappings
    pydyf.PDF.page_references = property(_cached_page_references)
    _APPLIED.add("weasyprint")


# 1. Copied text in logical order (no upstream issue found).
# WeasyPrint writes each glyph with a ToUnicode entry, so a PDF reader that copies text
# rebuilds it glyph by glyph in drawing order. In Burmese, Shan and Khmer the vowel sign
# written before a consonant (U+1031, U+17C1) is stored after it but drawn before it, so the
# copied text comes out in visual order; Thai and Lao lose SARA AM and tone marks over upper
# vowels the same way (measured: "ต;่า" for "ต่ำ"). Every drawn line with one of these scripts
# is wrapped in a marked-content span whose /ActualText is the line's logical text
# (PDF 32000-1 §14.9.4), which pdfium, poppler and Acrobat copy instead of the glyphs.
NEEDS_ACTUAL_TEXT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f\u1780-\u17ff\u19e0-\u19ff]")


def _draw_first_line_with_actual_text(stream, textbox, text_overflow, block_ellipsis, matrix):
    import pydyf

    original = _ORIGINALS["draw_first_line"]
    # The box's own text: its layout may hold more (the text that follows
    # on the line in another inline box, e.g. a number between two Khmer runs).
    text = textbox.text
    if not NEEDS_ACTUAL_TEXT.search(text):
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    actual = text.replace(ZWSP, "")
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
    try:
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        stream.end_marked_content()


# 2. No empty ToUnicode entries (upstream: https://github.com/Kozea/WeasyPrint/issues/2841,
# fix proposed in https://github.com/Kozea/WeasyPrint/pull/2869).
# Readers that ignore /ActualText (pdf.js in Firefox, pdfminer) read the glyph map. WeasyPrint
# gives the text of a cluster to its first glyph and an empty string to the others, which those
# readers turn into stray characters (";" in "ท;างาน" for "ทำงาน"). A glyph that is some
# character's own glyph is mapped to that character instead: SARA AM then reads as NIKHAHIT +
# SARA AA, which is what it decomposes to (NFKC).
# font.hash -> {glyph id: character}: keyed by a hash of the font file's bytes, so it can not
# go stale; it only saves reading the same font's cmap again in one process.
_NOMINAL: dict[str, dict[int, str]] = {}


def _nominal_characters(font) -> dict[int, str]:
    if font.hash not in _NOMINAL:
        from fontTools.ttLib import TTFont

        ttfont = TTFont(BytesIO(font.file_content), fontNumber=font.index or 0, lazy=True)
        order = {name: gid for gid, name in enumerate(ttfont.getGlyphOrder())}
        nominal: dict[int, str] = {}
        for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
            nominal[order[name]] = chr(codepoint)  # the lowest code point wins for a shared glyph
        _NOMINAL[font.hash] = nominal
    return _NOMINAL[font.hash]


def _build_fonts_dictionary_without_empty_mappings(pdf, fonts, *args, **kwargs):
    for font in fonts.values():
        empty = [gid for gid, text in font.to_unicode.items() if not text]
        if empty and not font.bitmap:
            nominal = _nominal_characters(font)
            for gid in empty:
                if gid in nominal:
                    font.to_unicode[gid] = nominal[gid]
    return _ORIGINALS["build_fonts_dictionary"](pdf, fonts, *args, **kwargs)


# 3. pydyf's page references kept until a page is added (no upstream issue found).
# Tagging (PDF/UA) asks pydyf for a page's reference once per tagged box, and pydyf rebuilds
# the list of every page's reference on each call: for the vocabulary index (40 pages, 14,000
# boxes) that alone took 1.1 s. The list only changes when a page is added, so it is kept, on
# the PDF object itself, until the count changes.
def _cached_page_references(pdf) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_mmn_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_mmn_page_references"] = cached
    return cached[1]


def register_chinese_search(codes: Iterable[str] = ("zh",)) -> None:
    """Sphinx's Chinese search language ("zh", or the codes given) becomes ours, named by its path (upstream:
    https://github.com/sphinx-doc/sphinx/issues/14229, fixed by
    https://github.com/sphinx-doc/sphinx/pull/14416 after Sphinx 9.0).

    Sphinx 9.0's Chinese search writes a language_data.js that names a stemmer
    the file does not define, so Chinese search finds nothing;
    mmn_i18n.publishing.site.search_zh.SearchChineseFixed repairs it.
    app.add_search_language would need the class, whose module imports jieba
    (seconds) in every build; Sphinx's own table names its languages by path,
    so ours is put there by path and imported only by a Chinese build.
    """
    from sphinx.search import languages

    for code in codes:
        languages[code] = "mmn_i18n.publishing.site.search_zh.SearchChineseFixed"
