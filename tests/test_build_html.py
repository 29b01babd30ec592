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
