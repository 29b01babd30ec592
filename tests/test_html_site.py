"""The built sites, read back: language menu, <html lang>, fonts, dates, theme words, banner, lang="en".

One real `mmn-i18n build` of a copy of the bundled project per test session
(the `site` fixture, also used by test_publish_site.py and test_search_index.py);
every expectation is derived from the catalogs and the publication list on
disk, so the tests follow the translators' progress instead of freezing it.
"""
from __future__ import annotations

import datetime
import html
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from babel.dates import format_date
from click.testing import CliRunner
from fontTools.ttLib import TTCollection, TTFont

from conftest import approve_for_tests, copy_project
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.gettext.coverage import count_catalog
from mmn_i18n.languages import get_language
from mmn_i18n.project import Project, load_project
from mmn_i18n.publishing.site.line_breaks import unmark_line_breaks
from mmn_i18n.publishing.site.site_text import native_digits
from mmn_i18n.publishing.site.site_text import format_document_date, has_month_names

LANGUAGES = ["en", "my", "km", "lo", "th", "vi", "zh_CN", "shn"]
UI_LOCALE = Path(__file__).resolve().parents[1] / "mmn_i18n" / "publishing" / "site" / "locale"


@dataclass(frozen=True)
class Site:
    root: Path
    project: Project
    published: dict[str, list[str]]  # docname -> languages, as the build decided
    output: str

    def page(self, language: str, doc: str) -> str:
        """The page's HTML without the word marks for line breaks (tests/test_browser_site.py checks those)."""
        path = self.root / "_build" / "html" / language / f"{doc}.html"
        return unmark_line_breaks(path.read_text(encoding="utf-8"))

    def catalog(self, language: str, doc: str) -> Path:
        return self.root / "locale" / language / "LC_MESSAGES" / f"{doc}.po"

    def published_docs(self, language: str) -> list[str]:
        return [doc for doc, codes in self.published.items() if language in codes]


_BUILT: dict[str, Site] = {}  # the other test modules import this fixture: each import is its own
                              # fixture definition for pytest, so the build itself is kept here


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    if "site" not in _BUILT:
        root = copy_project(tmp_path_factory.mktemp("site") / "project")
        approve_for_tests(root)  # statements and press releases are published only once reviewed
        result = CliRunner().invoke(cli, ["--project", str(root), "build"], obj={}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        published = json.loads((root / "_build" / "publication.json").read_text(encoding="utf-8"))
        _BUILT["site"] = Site(root, load_project(root), published["documents"], result.output)
    return _BUILT["site"]


def language_menu(page: str) -> dict[str, str]:
    """{hreflang: href} of the language menu, plus the current language under its own code -> ''."""
    nav = re.search(r'<nav class="mmn-languages".*?</nav>', page, re.S)
    assert nav, "every page has a language menu"
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav.group()))
    menu = {lang: href for href, lang in links.items()}
    current = re.search(r'<li class="current" lang="([^"]+)"', nav.group())
    menu[current.group(1)] = ""
    return menu


def test_every_page_links_the_same_page_in_each_language_it_is_published_in(site):
    for language in LANGUAGES:
        for doc in site.published_docs(language):
            if len(site.published[doc]) == 1:  # English only: no menu to offer
                assert 'class="mmn-languages"' not in site.page(language, doc)
                continue
            menu = language_menu(site.page(language, doc))
            expected = {get_language(code).html_lang if code != "en" else "en" for code in site.published[doc]}
            assert set(menu) == expected, (language, doc)
            page_dir = (site.root / "_build" / "html" / language / doc).parent
            for href in filter(None, menu.values()):
                assert (page_dir / href).resolve().is_file(), (language, doc, href)


def test_html_lang_is_the_bcp47_form(site):
    for language in LANGUAGES:
        expected = "en" if language == "en" else get_language(language).html_lang
        assert f'<html lang="{expected}"' in site.page(language, "index")
    assert '<html lang="zh-CN"' in site.page("zh_CN", "index")
    assert '<html lang="shn"' in site.page("shn", "index")


def _cmap(path: Path) -> set[int]:
    if path.suffix == ".ttc":
        fonts = TTCollection(str(path)).fonts
        return set().union(*(font.getBestCmap() or {} for font in fonts))
    return set(TTFont(str(path)).getBestCmap())


def _system_font(family: str) -> Path:
    listing = subprocess.run(["fc-list", f":family={family}:style=Regular", "file"],
                             capture_output=True, text=True, check=True).stdout
    return Path(sorted(listing.split(":")[0] for listing in listing.splitlines())[0].strip())


def test_every_character_of_every_page_is_in_a_font_of_the_stack(site):
    """The CSS stack: the fonts shipped in _static/fonts/, then Noto Sans CJK SC from fonts-noto-cjk."""
    css = (site.root / "_build" / "html" / "th" / "_static" / "mmn-fonts.css").read_text(encoding="utf-8")
    shipped = sorted(set(re.findall(r'url\("fonts/([^"]+)"\)', css)))
    assert "Noto Sans CJK SC" in css
    fonts_dir = site.root / "_build" / "html" / "th" / "_static" / "fonts"
    covered = set().union(*(_cmap(fonts_dir / name) for name in shipped), _cmap(_system_font("Noto Sans CJK SC")))
    assert (fonts_dir / "LICENSE-Noto-OFL.txt").read_text(encoding="utf-8").count("SIL Open Font License") >= 1
    for language in LANGUAGES:
        site_dir = site.root / "_build" / "html" / language
        assert sorted(p.name for p in (site_dir / "_static" / "fonts").glob("*.woff2")) == shipped
        for page in site_dir.rglob("*.html"):
            text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ",
                                                                 page.read_text(encoding="utf-8"), flags=re.S)))
            missing = {ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "CZ"
                       and ord(ch) not in covered}
            assert not missing, (page, sorted(missing))


def test_publication_dates_are_in_the_language_format(site):
    for language in ["en", "th", "km", "lo", "vi", "zh_CN", "shn"]:
        for doc in site.published_docs(language):
            meta = next(d for d in site.project.documents() if d.name == doc)
            if not meta.date:
                continue
            shown = format_document_date(meta.date, language)
            assert html.escape(shown) in site.page(language, doc), (language, doc, shown)
            if language == "shn" and has_month_names("shn"):
                # CLDR's Shan month names, in CLDR's long order (2015 တီႇသႅမ်ႇပႃႇ 18)
                assert shown == format_date(datetime.date.fromisoformat(meta.date), "long", locale="shn")
                assert shown != meta.date and "M12" not in shown


def test_dates_fall_back_to_iso_where_cldr_has_no_month_names(monkeypatch):
    from babel import Locale
    # the Shan months as CLDR had them before CLDR 47 (Babel < 2.19): placeholders
    placeholders = {"format": {"wide": {month: f"M{month:02d}" for month in range(1, 13)}}}
    monkeypatch.setattr(Locale, "months", property(lambda self: placeholders))
    assert not has_month_names("shn")
    assert format_document_date("2015-12-18", "shn") == "2015-12-18"
    monkeypatch.undo()
    assert has_month_names("th")
    assert format_document_date("2015-12-18", "th") == format_date(datetime.date(2015, 12, 18), "long", locale="th")
    assert not has_month_names("xx")  # no CLDR data at all
    assert format_document_date("2015-12-18", "xx") == "2015-12-18"


def _ui_translation(language: str, msgid: str) -> str:
    for entry in polib.pofile(str(UI_LOCALE / language / "LC_MESSAGES" / "sphinx.po")):
        if entry.msgid == msgid and entry.msgstr and "fuzzy" not in entry.flags:
            return entry.msgstr
    return ""


def test_theme_words_come_from_the_projects_ui_catalogs(site):
    checked = 0
    for language in ["my", "km", "lo", "th", "shn"]:
        index = site.page(language, "index")
        for msgid in ["Navigation", "Go", "Search"]:
            translated = _ui_translation(language, msgid)
            if translated:
                assert html.escape(translated, quote=True) in index, (language, msgid)
                checked += 1
        results = _ui_translation(language, "Search Results")
        script = (site.root / "_build" / "html" / language / "_static" / "translations.js")
        if results:
            data = json.loads(re.search(r"addTranslations\((.*)\);", script.read_text(encoding="utf-8"), re.S).group(1))
            assert data["messages"]["Search Results"] == results and data["locale"] == language
            checked += 1
    assert checked >= 8, "the th, km and lo UI catalogs are translated: their words must be on the pages"


def _partly_translated(site: Site, language: str) -> list[tuple[str, int]]:
    result = []
    for doc in site.published_docs(language):
        catalog = site.catalog(language, doc)
        if catalog.is_file():
            percent = int(count_catalog(catalog).percent)
            if percent < 100:
                result.append((doc, percent))
    return result


def _site_message(language: str, msgid: str) -> str:
    for entry in polib.pofile(str(UI_LOCALE / language / "LC_MESSAGES" / "site.po")):
        if entry.msgid == msgid:
            return entry.msgstr or msgid
    return msgid


def test_partly_translated_pages_say_how_far_along_they_are_in_the_readers_language(site):
    seen = 0
    for language in LANGUAGES[1:]:
        partly = _partly_translated(site, language)
        for doc, percent in partly:
            page = site.page(language, doc)
            banner = re.search(r'<div class="mmn-banner"[^>]*data-percent="(\d+)".*?<p>(.*?)<progress', page, re.S)
            assert banner, (language, doc)
            assert int(banner.group(1)) == percent
            opening = _site_message(language, "This page is only partly translated: %(percent)s%% of its text "
                                    "is in %(language)s so far. The parts not yet translated are shown in English.")
            assert html.unescape(banner.group(2)).startswith(opening.split("%(")[0].strip()[:12])
            assert f"{native_digits(language, str(percent))}%" in banner.group(2)
            seen += 1
        complete = [doc for doc in site.published_docs(language)
                    if site.catalog(language, doc).is_file() and doc not in dict(partly)]
        for doc in complete:
            assert 'class="mmn-banner"' not in site.page(language, doc), (language, doc)
    assert seen, "the bundled catalogs have partly translated pages that are published"


def test_untranslated_paragraphs_carry_lang_en(site):
    found = 0
    for language in LANGUAGES[1:]:
        for doc, _ in _partly_translated(site, language):
            page = html.unescape(site.page(language, doc))
            for entry in polib.pofile(str(site.catalog(language, doc))):
                text = entry.msgid.split("\n")[0]  # Sphinx keeps the source's line breaks, so does the page
                translated = entry.msgstr and "fuzzy" not in entry.flags  # Sphinx skips fuzzy entries
                if translated or entry.obsolete or not re.fullmatch(r"[A-Za-z][^<>*`|_\[\]]{15,}", text):
                    continue  # plain sentences only: markup would be rendered differently
                match = re.search(r'<(p|h\d|li|td|dt|dd)\b([^>]*)>' + re.escape(text), page)
                if match:
                    assert 'lang="en"' in match.group(2), (language, doc, text)
                    found += 1
            for entry in polib.pofile(str(site.catalog(language, doc))):
                first_line = entry.msgstr.split("\n")[0]
                if entry.msgstr and "fuzzy" not in entry.flags and re.fullmatch(r"[^<>*`|_\[\]:]{10,}", first_line):
                    match = re.search(r'<(p|h\d)\b([^>]*)>' + re.escape(first_line), page)
                    if match:
                        assert 'lang="en"' not in match.group(2), (language, doc, entry.msgstr)
    assert found, "some untranslated plain paragraph must be on a published page"
