"""Print one prepared page to PDF with WeasyPrint (PDF/UA-1), with a text layer in logical order.

The text layer needs two changes to WeasyPrint and one to pydyf
(mmn_i18n.patches.patch_weasyprint, applied here before printing): lines of
Thai, Lao, Burmese, Shan and Khmer carry their logical text as /ActualText,
no glyph maps to an empty string, and pydyf's page references are not
rebuilt for every tagged box.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from ...patches import patch_weasyprint
from ...textfiles import write_bytes_atomically
from ...languages import SOURCE_LANGUAGE
from ..language_css import print_rules, render_markers

ASSETS = Path(__file__).with_name("assets")
PRINT_CSS = ASSETS / "print.css"
PDF_VARIANT = "pdf/ua-1"


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
# page's fonts can leak into another's. Nothing here can go stale: the
# stylesheet is keyed by its modification time, and the fonts are the
# system's, the same for every project.
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
    patch_weasyprint()
    with _weasyprint_warnings() as warnings:
        document = weasyprint.HTML(string=page_html, base_url=f"{base_url.resolve().as_uri()}/")
        # PDF/UA-1: a tagged PDF (structure tree, /MarkInfo, the document's
        # language and title), which screen readers and reflow rely on.
        data = document.write_pdf(stylesheets=[_print_stylesheet()], pdf_variant=PDF_VARIANT,
                                  font_config=_font_config())
    write_bytes_atomically(target, data)
    return warnings
