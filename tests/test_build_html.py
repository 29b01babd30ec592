"""build --format html: one site per language, and a translator sees their edit."""
from __future__ import annotations

import re

from conftest import approve_for_tests
from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.publishing.site.line_breaks import unmark_line_breaks

STATEMENT = "statement-migrants-day-2015"


def page(project_dir, lang: str, doc: str = STATEMENT) -> str:
    return unmark_line_breaks((project_dir / "_build" / "html" / lang / f"{doc}.html").read_text(encoding="utf-8"))


def test_each_site_declares_its_language(run, project_dir):
    result = run(["build", "--format", "html", "--lang", "zh_CN", "--lang", "shn"])
    assert result.exit_code == 0, result.output
    assert re.search(r'<html lang="zh-CN"', page(project_dir, "zh_CN", "index"))
    assert re.search(r'<html lang="shn"', page(project_dir, "shn", "index"))
    assert not (project_dir / "_build" / "html" / "th").exists(), "only the languages asked for are built"


def test_translators_edit_shows_up_after_build(run, project_dir):
    path = project_dir / "locale" / "th" / "LC_MESSAGES" / f"{STATEMENT}.po"
    catalog = read_catalog(path)
    title = next(entry for entry in catalog if entry.msgid.startswith("International Migrants Day 2015"))
    title.msgstr = "วันแรงงานข้ามชาติสากล ๒๕๕๘ ฉบับแก้ไขโดยผู้แปล"
    if "fuzzy" in title.flags:
        title.flags.remove("fuzzy")
    write_catalog(catalog, path)
    approve_for_tests(project_dir, ["th"])  # a statement is published once a second reader approved it
    result = run(["build", "--lang", "th"])
    assert result.exit_code == 0, result.output
    assert "วันแรงงานข้ามชาติสากล ๒๕๕๘ ฉบับแก้ไขโดยผู้แปล" in page(project_dir, "th")
    assert '<html lang="th"' in page(project_dir, "th")


SUMMARY = "summary-cambodian-exodus-2014"  # published in Khmer with the bundled catalogs
SUMMARY_FIRST_PARAGRAPH = "This is the summary of the report *The Precarious Status"  # source line 10


def msgstr_line_of(path, msgid_start: str) -> int:
    """The .po line of the msgstr of the entry whose msgid starts so, found in the file's text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = next(n for n, line in enumerate(lines)
                 if line.startswith("msgid ") and msgid_start[:30] in "".join(lines[n:n + 2]))
    return next(n for n in range(entry, len(lines)) if lines[n].startswith("msgstr")) + 1


def test_a_broken_translation_is_named_at_its_catalog_entry(run, project_dir):
    from mmn_i18n.project import load_project
    from mmn_i18n.publishing.publish import publish

    path = project_dir / "locale" / "km" / "LC_MESSAGES" / f"{SUMMARY}.po"
    catalog = read_catalog(path)
    entry = next(entry for entry in catalog if entry.msgid.startswith(SUMMARY_FIRST_PARAGRAPH))
    assert entry.msgstr.count("*") == 2 and "fuzzy" not in entry.flags
    closing = entry.msgstr.rindex("*")
    entry.msgstr = entry.msgstr[:closing] + entry.msgstr[closing + 1:]  # the translator lost the closing star
    write_catalog(catalog, path)
    line = msgstr_line_of(path, SUMMARY_FIRST_PARAGRAPH)
    where = f"locale/km/LC_MESSAGES/{SUMMARY}.po:{line}: in the translation of source/{SUMMARY}.rst:10: "

    result = run(["build", "--lang", "km"])
    assert result.exit_code == 1, result.output
    assert re.search(rf"^  {re.escape(where)}WARNING: Inline emphasis start-string without end-string",
                     result.output, re.M), result.output
    assert "The build failed for: km" in result.output

    # The report is a value: the Python caller gets both places without the command line.
    report = publish(load_project(project_dir), ["km"])
    problem = next(problem for problem in report.sites[0].problems if "Inline emphasis" in problem.problem)
    assert (str(problem.path), problem.line) == (f"source/{SUMMARY}.rst", 10)
    assert (str(problem.catalog), problem.catalog_line) == (f"locale/km/LC_MESSAGES/{SUMMARY}.po", line)
    assert any(text.startswith(where) for text in report.problems("km"))


def test_an_english_source_problem_is_named_at_the_rst_only(run, project_dir):
    # An English paragraph edited after the last update: the catalog's entry at its line no longer
    # matches it, so Sphinx shows the English, and the problem is the source's, not the translator's.
    source = project_dir / "source" / f"{SUMMARY}.rst"
    text = source.read_text(encoding="utf-8")
    assert "published by the Mekong Migration Network (MMN) in December 2014." in text
    source.write_text(text.replace("published by the Mekong", "published by the *Mekong", 1), encoding="utf-8")
    result = run(["build", "--lang", "km"])
    assert result.exit_code == 1, result.output
    assert re.search(rf"^  source/{SUMMARY}\.rst:10: WARNING: Inline emphasis start-string without end-string",
                     result.output, re.M), result.output
    assert ".po" not in result.output, result.output
