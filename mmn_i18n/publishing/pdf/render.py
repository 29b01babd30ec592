"""Print one prepared page to PDF with WeasyPrint, with a text layer in logical order.

WeasyPrint writes each glyph with a ToUnicode entry, so a PDF reader that
copies text rebuilds it glyph by glyph in drawing order. In Burmese, Shan
and Khmer the vowel sign written before a consonant (U+1031 "ေ", U+17C1
"េ") is stored after it but drawn before it, so the copied text comes out
in visual order ("ေက" for "ကေ"). Thai and Lao lose characters the same
way: SARA AM (ำ, ຳ) is drawn as two glyphs and a tone mark over an upper
vowel becomes a glyph variant, and the glyph-by-glyph map garbles both
(measured: "ต;่า" for "ต่ำ"). We wrap every drawn line that contains one of
these scripts in a marked-content span whose /ActualText is the line's
logical text (PDF 32000-1 §14.9.4), which readers that honour ActualText
(pdfium in Chrome, poppler, Acrobat) copy instead of the glyphs.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pydyf
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint import pdf as weasy_pdf
from weasyprint.draw import text as weasy_text
from weasyprint.text.fonts import FontConfiguration

from ...languages import SOURCE_LANGUAGE
from ...segment import ZWSP
from ..language_css import print_rules, render_markers

ASSETS = Path(__file__).with_name("assets")
PRINT_CSS = ASSETS / "print.css"
PDF_VARIANT = "pdf/ua-1"

# Scripts whose glyphs do not map one to one, in order, onto their characters:
# Thai, Lao, Myanmar (Burmese, Shan) and Khmer.
NEEDS_ACTUAL_TEXT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f\u1780-\u17ff\u19e0-\u19ff]")

_original_draw_first_line = weasy_text.draw_first_line


def _draw_first_line_with_actual_text(stream, textbox, text_overflow, block_ellipsis, matrix):
    # The box's own text: its layout may hold more (the text that follows
    # on the line in another inline box, e.g. a number between two Khmer runs).
    text = textbox.text
    if not NEEDS_ACTUAL_TEXT.search(text):
        return _original_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    actual = text.replace(ZWSP, "")
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
    try:
        return _original_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        stream.end_marked_content()


# draw_text looks the function up in its module at call time, so replacing
# the module attribute is enough (checked by the tests against WeasyPrint's
# pinned major version).
weasy_text.draw_first_line = _draw_first_line_with_actual_text


# Readers that ignore /ActualText (pdf.js in Firefox, pdfminer) read the
# glyph map. WeasyPrint gives the text of a cluster to its first glyph and
# an empty string to the others, which those readers turn into stray
# characters (";" in "ท;างาน" for "ทำงาน"). A glyph that is some
# character's own glyph is mapped to that character instead: SARA AM then
# reads as NIKHAHIT + SARA AA, which is what it decomposes to (NFKC).
_nominal_cache: dict[str, dict[int, str]] = {}


def _nominal_characters(font) -> dict[int, str]:
    if font.hash not in _nominal_cache:
        ttfont = TTFont(BytesIO(font.file_content), fontNumber=font.index or 0, lazy=True)
        order = {name: gid for gid, name in enumerate(ttfont.getGlyphOrder())}
        nominal: dict[int, str] = {}
        for codepoint, name in sorted(ttfont.getBestCmap().items(), reverse=True):
            nominal[order[name]] = chr(codepoint)  # the lowest code point wins for a shared glyph
        _nominal_cache[font.hash] = nominal
    return _nominal_cache[font.hash]


_original_build_fonts_dictionary = weasy_pdf.build_fonts_dictionary


def _build_fonts_dictionary_without_empty_mappings(pdf, fonts, *args, **kwargs):
    for font in fonts.values():
        empty = [gid for gid, text in font.to_unicode.items() if not text]
        if empty and not font.bitmap:
            nominal = _nominal_characters(font)
            for gid in empty:
                if gid in nominal:
                    font.to_unicode[gid] = nominal[gid]
    return _original_build_fonts_dictionary(pdf, fonts, *args, **kwargs)


weasy_pdf.build_fonts_dictionary = _build_fonts_dictionary_without_empty_mappings


# Tagging (PDF/UA) asks pydyf for a page's reference once per tagged box, and
# pydyf rebuilds the list of every page's reference on each call: for the
# vocabulary index (40 pages, 14,000 boxes) that alone took 1.1 s. The list
# only changes when a page is added, so it is kept until the count changes.
def _cached_page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_mmn_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_mmn_page_references"] = cached
    return cached[1]


pydyf.PDF.page_references = property(_cached_page_references)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings():
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


# One font configuration (fontconfig state and Pango font map, with the
# fonts it has loaded) and one parsed print stylesheet for every PDF a
# process prints: a build's worker prints a language's PDFs one after the
# other, and each would otherwise load its fonts again (measured: 40 ms of
# the 190 ms of a two-page PDF). Our pages declare no @font-face, so no
# page's fonts can leak into another's.
_shared: dict[str, object] = {}


def _font_config() -> FontConfiguration:
    if "fonts" not in _shared:
        _shared["fonts"] = FontConfiguration()
    return _shared["fonts"]


def print_css_text() -> str:
    """print.css with its per-language rules written from the facts table (publishing/language_css.py)."""
    return render_markers(PRINT_CSS.read_text(encoding="utf-8"), print_rules(SOURCE_LANGUAGE))


def _print_stylesheet() -> weasyprint.CSS:
    text = print_css_text()
    key = f"css:{text}"
    if key not in _shared:
        _shared[key] = weasyprint.CSS(string=text, base_url=str(ASSETS) + "/", font_config=_font_config())
    return _shared[key]


def render_pdf(page_html: str, base_url: Path, target: Path) -> list[str]:
    """Write target from page_html (atomically); return WeasyPrint's warnings."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    with _weasyprint_warnings() as warnings:
        document = weasyprint.HTML(string=page_html, base_url=f"{base_url.resolve().as_uri()}/")
        # PDF/UA-1: a tagged PDF (structure tree, /MarkInfo, the document's
        # language and title), which screen readers and reflow rely on.
        document.write_pdf(partial, stylesheets=[_print_stylesheet()], pdf_variant=PDF_VARIANT,
                           font_config=_font_config())
    partial.replace(target)
    return warnings
