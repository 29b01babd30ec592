"""Publishing: only ready documents reach a site, the landing page lists them, status explains, rebuilds stay small."""
from __future__ import annotations

import html
import json
import re
import shutil
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.publishing.landing import publications
from mmn_i18n.publishing.pdf import build_pdfs, pdf_path, printed_parts
from mmn_i18n.publishing.readiness import assess
from mmn_i18n.publishing.site.site_text import format_document_date, kind_name, language_name, native_digits
from mmn_i18n.publishing.site.line_breaks import unmark_line_breaks
from test_html_site import LANGUAGES, site  # noqa: F401  (the session's built sites)

STATEMENT = "statement-migrants-day-2015"


def test_unpublished_documents_are_not_in_the_site_and_nothing_links_to_them_there(site):  # noqa: F811
    left_out = 0
    for language in LANGUAGES[1:]:
        site_dir = site.root / "_build" / "html" / language
        for doc, codes in site.published.items():
            if language in codes:
                continue
            left_out += 1
            assert not (site_dir / f"{doc}.html").exists(), (language, doc)
            for page in site_dir.rglob("*.html"):
                for href in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
                    if (page.parent / href).resolve() == (site_dir / f"{doc}.html").resolve():
                        pytest.fail(f"{page} links to unpublished {doc}")
    assert left_out, "the bundled catalogs leave some documents unready"


def test_links_into_unpublished_documents_go_to_the_english_page_and_its_anchor(site):  # noqa: F811
    checked = 0
    for language in LANGUAGES[1:]:
        site_dir = site.root / "_build" / "html" / language
        for page in site_dir.rglob("*.html"):
            for href in re.findall(r'href="([^"]*/en/[^"]+)"', page.read_text(encoding="utf-8")):
                path, _, anchor = href.partition("#")
                target = (page.parent / path).resolve()
                assert target.is_file(), (page, href)
                if anchor:
                    assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)
                checked += 1
    assert checked


def test_landing_page_lists_every_publication_in_every_language(site):  # noqa: F811
    readiness = assess(site.project)
    pubs = publications(readiness)
    build = site.root / "_build"
    for language in LANGUAGES:
        name = "index.html" if language == "en" else f"index.{language}.html"
        page = unmark_line_breaks((build / name).read_text(encoding="utf-8"))
        html_lang = "en" if language == "en" else language.replace("_", "-")
        assert f'<html lang="{html_lang}"' in page
        rows = dict(re.findall(r'<tr id="([^"]+)">(.*?)</tr>', page, re.S))
        assert list(rows) == [pub.name for pub in pubs]
        for pub in pubs:
            row = html.unescape(rows[pub.name])
            assert kind_name(language, pub.kind) in row
            assert native_digits(language, format_document_date(pub.date, language)) in row
            linked = re.findall(r'href="html/([^/]+)/' + re.escape(pub.name) + r'\.html"', rows[pub.name])
            assert linked == list(pub.languages) == site.published[pub.name]
            assert all(language_name(code) in row for code in pub.languages)
        for href in re.findall(r'href="([^"]+)"', page):
            assert (build / href).is_file(), (name, href)
        assert 'href="coverage/index.html"' in page, "the translation status page is linked"


@contextmanager
def put_back_afterwards(site, *paths):  # noqa: F811
    """Let a test change the shared site, then restore these files (a path that did not exist is
    removed) and rebuild Thai, so every test finds the site as the session built it, in any order."""
    saved = {path: path.read_bytes() if path.is_file() else None for path in paths}
    try:
        yield
    finally:
        for path, data in saved.items():
            if data is not None:
                path.write_bytes(data)  # a new mtime: Sphinx compiles the catalog and reads the page again
            elif path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        run = CliRunner().invoke(cli, ["--project", str(site.root), "build", "--lang", "th"], obj={})
        assert run.exit_code == 0, run.output


def test_landing_page_links_a_pdf_once_it_is_built(site):  # noqa: F811
    with put_back_afterwards(site, site.root / "_build" / "pdf"):
        assert "application/pdf" not in (site.root / "_build" / "index.th.html").read_text(encoding="utf-8")
        results = build_pdfs(site.project, ["th"], {"th": [STATEMENT]})
        assert all(result.ok for result in results), results
        run = CliRunner().invoke(cli, ["--project", str(site.root), "build", "--lang", "th"], obj={})
        assert run.exit_code == 0, run.output
        page = unmark_line_breaks((site.root / "_build" / "index.th.html").read_text(encoding="utf-8"))
        pdfs = re.findall(r'href="(pdf/[^"]+)"', page)
        assert pdfs == [f"pdf/th/{STATEMENT}.pdf"] and pdf_path(site.project, "th", STATEMENT).is_file()
    assert "application/pdf" not in (site.root / "_build" / "index.th.html").read_text(encoding="utf-8")


def test_landing_page_links_every_part_of_a_pdf_printed_in_parts_in_order(site):  # noqa: F811
    with put_back_afterwards(site, site.root / "_build" / "pdf"):
        results = build_pdfs(site.project, ["th"], {"th": ["vocabulary/index"]})
        assert all(result.ok for result in results) and len(results) > 1, results
        run = CliRunner().invoke(cli, ["--project", str(site.root), "build", "--lang", "th"], obj={})
        assert run.exit_code == 0, run.output
        page = unmark_line_breaks((site.root / "_build" / "index.th.html").read_text(encoding="utf-8"))
        links = re.findall(r'href="(pdf/[^"]+)"[^>]*>([^<]+)</a>', page)
        parts = printed_parts(site.project, "th", "vocabulary/index")
        assert [href for href, _ in links] == [f"pdf/th/vocabulary/index-{k}.pdf" for k in range(1, len(parts) + 1)]
        assert [label for _, label in links] == [f"PDF (ส่วนที่ {k} จาก {len(parts)})" for k in range(1, len(parts) + 1)]
        assert not pdf_path(site.project, "th", "vocabulary/index").exists()


def test_status_explains_each_cell(run, project_dir):
    path = project_dir / "locale" / "th" / "LC_MESSAGES" / f"{STATEMENT}.po"
    catalog = read_catalog(path)
    next(entry for entry in catalog if entry.msgstr and not entry.obsolete).msgstr = ""
    write_catalog(catalog, path)
    result = run(["status", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rules"]["statement"] == {"min_percent": 100.0, "no_errors": True, "min_reviewed_percent": 100.0}
    statement = next(doc for doc in data["documents"] if doc["name"] == STATEMENT)
    thai = next(cell for cell in statement["cells"] if cell["language"] == "th")
    assert not thai["ready"] and "th" not in statement["published_in"]
    assert any("needs 100%" in reason for reason in thai["reasons"])
    text = run(["status", "--lang", "th"]).stdout
    assert f"{STATEMENT} [th]: {int(thai['percent'])}% translated, statement needs 100%" in text


def test_status_names_check_errors_for_kinds_that_allow_none(run, project_dir):
    path = project_dir / "locale" / "th" / "LC_MESSAGES" / f"{STATEMENT}.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog if "2015" in e.msgid and "2015" in e.msgstr and not e.obsolete)
    entry.msgstr = entry.msgstr.replace("2015", "2016", 1)  # a changed number: an error of the numbers check
    write_catalog(catalog, path)
    data = json.loads(run(["status", "--lang", "th", "--format", "json"]).stdout)
    thai = next(cell for doc in data["documents"] if doc["name"] == STATEMENT
                for cell in doc["cells"] if cell["language"] == "th")
    assert not thai["ready"] and thai["errors"] >= 1
    assert any("check error" in reason and f"{STATEMENT}.po:" in reason for reason in thai["reasons"])


def test_a_bad_readiness_rule_is_named_with_its_file(run, project_dir):
    config = project_dir / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "statement = {min_percent = 100, no_errors = true, min_reviewed_percent = 100}",
        'statement = {min_percent = "all"}'), encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index('statement = {min_percent = "all"}') + 1
    result = run(["status"])
    assert result.exit_code == 2
    assert f"pyproject.toml:{line}: [tool.mmn-i18n.readiness] statement.min_percent must be" in result.output
    assert "Traceback" not in result.output


def test_one_po_edit_rebuilds_only_that_language(site):  # noqa: F811
    doc = next(doc for doc in site.published_docs("th") if doc != "index" and site.catalog("th", doc).is_file())
    path = site.catalog("th", doc)
    with put_back_afterwards(site, path):
        catalog = read_catalog(path)
        entry = next(e for e in catalog if e.msgstr and "fuzzy" not in e.flags and not e.obsolete and e.msgid != "")
        entry.msgstr += " ฉบับปรับปรุงใหม่"
        write_catalog(catalog, path)
        english = site.root / "_build" / "html" / "en" / f"{doc}.html"
        before = english.stat().st_mtime_ns
        run = CliRunner().invoke(cli, ["--project", str(site.root), "build"], obj={})
        assert run.exit_code == 0, run.output
        states = {language: state for state, language in re.findall(r"^(built|up to date) (\S+):", run.output, re.M)}
        assert states == {code: ("built" if code == "th" else "up to date") for code in LANGUAGES}, run.output
        assert "ฉบับปรับปรุงใหม่" in site.page("th", doc)
        assert english.stat().st_mtime_ns == before
    assert "ฉบับปรับปรุงใหม่" not in site.page("th", doc), "the shared site is as the session built it"
