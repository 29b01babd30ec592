"""What every page shows around its text: the language menu, the publication date, the partial-translation banner.

Values are put into the template context at html-page-context and drawn by
templates/layout.html (language menu, in the header block) and
templates/page.html (date and banner above the body); a theme or builder
with its own layout (the PDF pages) simply does not draw them.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util import logging

from ...textfiles import write_text_atomically
from ...gettext.coverage import count_catalog
from ...language_facts import html_lang
from .line_breaks import mark_line_breaks
from .publication import SOURCE_LANGUAGE, published_map, site_languages
from .site_text import format_document_date, language_name, native_digits, translate

logger = logging.getLogger(__name__)
TEMPLATES_DIR = Path(__file__).with_name("templates")
BANNER = ("This page is only partly translated: %(percent)s%% of its text is in %(language)s so far. "
          "The parts not yet translated are shown in English.")


def translated_percent(catalog: Path) -> int | None:
    """Percent of the catalog's messages translated, rounded down; None without a catalog."""
    if not catalog.is_file():
        return None
    return int(count_catalog(catalog).percent)  # msgfmt's own counting rules


def page_languages(app: Sphinx, pagename: str) -> list[str]:
    """The languages in which this page exists, English first."""
    sites = site_languages(app)
    published = published_map(app)
    if pagename in published:
        return [code for code in sites if code in published[pagename]]
    if sites:  # generated pages (search, genindex) and the home page exist in every site
        return sites
    meta = app.env.metadata.get(pagename, {})
    return [SOURCE_LANGUAGE, *str(meta.get("publish-in", "")).split()]


def language_menu(app: Sphinx, pagename: str, language: str) -> list[dict]:
    up = "../" * (pagename.count("/") + 1)
    return [{
        "code": code,
        "lang": html_lang(code),
        "name": language_name(code),
        "url": f"{up}{code}/{pagename}.html",
        "current": code == language,
    } for code in page_languages(app, pagename)]


def add_page_chrome(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    language = app.config.language or SOURCE_LANGUAGE
    context["mmn_menu_label"] = translate(language, "Read this page in:")
    context["mmn_languages"] = language_menu(app, pagename, language)
    meta = app.env.metadata.get(pagename, {}) if doctree is not None else {}
    context["mmn_date"] = ""
    context["mmn_footer"] = native_digits(language, f"© {app.config.copyright}")
    if meta.get("date"):
        try:
            shown = native_digits(language, format_document_date(str(meta["date"]), language))
        except ValueError:
            logger.warning("the :date: field is not an ISO date (YYYY-MM-DD): %s", meta["date"], location=pagename)
        else:
            context["mmn_date"] = translate(language, "Published on %(date)s") % {"date": shown}
    context["mmn_banner"] = ""
    context["mmn_percent"] = None
    if doctree is None or language == SOURCE_LANGUAGE:
        return
    catalog = Path(app.srcdir, app.config.locale_dirs[0], language, "LC_MESSAGES", f"{pagename}.po")
    percent = translated_percent(catalog)
    if percent is not None and percent < 100:
        context["mmn_percent"] = percent
        context["mmn_banner"] = translate(language, BANNER) % {
            "percent": native_digits(language, str(percent)), "language": language_name(language)}


FINISHED = "<!-- mmn-finished -->"
# Landmark names the theme hard-codes in English (a Jinja macro no template can override).
LANDMARKS = ('aria-label="Main"', 'aria-label="Related"')


def finish_page(page: str, language: str) -> str:
    """What the templates cannot reach: landmark names in the page's language, words marked for line breaks."""
    navigation = get_translation("sphinx")("Navigation")
    for landmark in LANDMARKS:
        page = page.replace(landmark, f'aria-label="{navigation}"')
    # Every site, English too: the vocabulary table shows each language's terms in its own script.
    return mark_line_breaks(page, language)


def finish_pages(app: Sphinx, exception: Exception | None) -> None:
    """Run finish_page once on every page this build wrote (a page left from an earlier build carries the marker)."""
    language = app.config.language or SOURCE_LANGUAGE
    if exception is not None or app.builder.format != "html":
        return
    if app.config.html_theme == "basic":
        return  # the PDF's bare pages: the printer adds its own break hints (mmn_i18n.publishing.pdf)
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*.html")):
        if {"_static", "_sources"} & set(path.relative_to(outdir).parts):
            continue
        page = path.read_text(encoding="utf-8")
        if page.rstrip().endswith(FINISHED):
            continue
        write_text_atomically(path, finish_page(page, language) + FINISHED + "\n")


def register_templates(app: Sphinx, config) -> None:
    if str(TEMPLATES_DIR) not in map(str, config.templates_path):
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]
    # The network's name in page titles, the sidebar and the footer, as the language's translators write it.
    language = config.language or SOURCE_LANGUAGE
    english_name = config.project
    config.project = translate(language, english_name)
    config.copyright = config.copyright.replace(english_name, config.project)
    # Words a reader of the site has no use for: "Powered by Sphinx", "Page source".
    config.html_show_sphinx = False
    config.html_show_sourcelink = False


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", register_templates)
    app.connect("html-page-context", add_page_chrome)
    app.connect("build-finished", finish_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
