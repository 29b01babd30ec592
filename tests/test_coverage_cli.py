"""`mmn-i18n coverage` and `mmn-i18n report`, run for real on catalog trees."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner

from mmn_i18n.interfaces.cli import cli
from mmn_i18n.gettext.coverage import FIX_SYNTAX, floor_percent
from mmn_i18n.publishing.status_page import write_report
from mmn_i18n.project import load_project
from test_coverage import FIXTURES, msgfmt_statistics

LAYOUT = {  # a sphinx-intl tree built from the fixtures, with a document in a subfolder
    "th/LC_MESSAGES/plurals.po": "plurals.po",
    "th/LC_MESSAGES/statement.po": "fuzzy_obsolete.po",
    "km/LC_MESSAGES/statement.po": "zero_width.po",
    "km/LC_MESSAGES/vocabulary/terms.po": "duplicate_header_field.po",
    "km/LC_MESSAGES/plurals.po": "crlf.po",
    "pot/statement.pot": "header_placeholders.po",  # templates are not a language
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "locale"
    for target, source in LAYOUT.items():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / source, root / target)
    return root


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), obj={}, catch_exceptions=False)


def msgfmt_sum(paths: list[Path]) -> tuple[int, int, int]:
    stats = [msgfmt_statistics(path) for path in paths]
    return tuple(sum(column) for column in zip(*stats))


def test_table_per_language_matches_msgfmt_and_fits_80_columns(tree):
    result = invoke("coverage", "--locale-dir", str(tree))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    rows = {match[1]: tuple(map(int, match.groups()[1:])) for line in lines
            if (match := re.match(r"^(th|km) \S+\s+(\d+)\s+(\d+)\s+(\d+)\s", line))}
    assert rows["th"] == msgfmt_sum(sorted((tree / "th").rglob("*.po")))
    assert rows["km"] == msgfmt_sum(sorted((tree / "km").rglob("*.po")))
    assert "pot" not in result.stdout
    assert re.search(r"all languages .*%", result.stdout)


def test_json_holds_each_catalog_and_language_totals(tree):
    result = invoke("coverage", "--locale-dir", str(tree), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    catalogs = {(c["language"], c["document"]): c for c in report["catalogs"]}
    assert set(catalogs) == {("km", "plurals"), ("km", "statement"), ("km", "vocabulary/terms"),
                             ("th", "plurals"), ("th", "statement")}
    for catalog in report["catalogs"]:
        for key in ("path", "language", "document", "translated", "fuzzy", "untranslated",
                    "words_translated", "words_total", "percent"):
            assert key in catalog
        path = Path(catalog["path"])
        assert path.is_absolute() or (Path.cwd() / path).exists()
        assert (catalog["translated"], catalog["fuzzy"], catalog["untranslated"]) == msgfmt_statistics(path)
        total = catalog["translated"] + catalog["fuzzy"] + catalog["untranslated"]
        assert catalog["percent"] == pytest.approx(100 * catalog["translated"] / total, abs=0.01)
        assert catalog["percent"] <= 100 * catalog["translated"] / total  # rounded down, never up
    th = report["languages"]["th"]
    assert th["catalogs"] == 2
    assert th["translated"] == sum(c["translated"] for c in report["catalogs"] if c["language"] == "th")
    assert th["words_total"] == sum(c["words_total"] for c in report["catalogs"] if c["language"] == "th")
    assert report["documents"]["vocabulary/terms"]["km"]["translated"] == 1
    assert report["errors"] == []


def test_csv_has_one_row_per_catalog(tree):
    result = invoke("coverage", "--locale-dir", str(tree), "--format", "csv", "-l", "th")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["document"] for row in rows] == ["plurals", "statement"]
    assert all(row["language"] == "th" for row in rows)
    for row in rows:
        assert (int(row["translated"]), int(row["fuzzy"]), int(row["untranslated"])) == msgfmt_statistics(Path(row["path"]))


def test_by_document_lists_each_document_and_language(tree):
    result = invoke("coverage", "--locale-dir", str(tree), "--by", "document")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines.index("plurals") < lines.index("statement") < lines.index("vocabulary/terms")
    after_vocabulary = lines[lines.index("vocabulary/terms") + 1]
    assert after_vocabulary.startswith("  km Khmer") and "100.0%" not in after_vocabulary


def test_fail_under_names_the_languages_below(tree):
    passed = invoke("coverage", "--locale-dir", str(tree), "--fail-under", "0")
    assert passed.exit_code == 0
    failed = invoke("coverage", "--locale-dir", str(tree), "--fail-under", "60")
    assert failed.exit_code == 1
    report = json.loads(invoke("coverage", "--locale-dir", str(tree), "--format", "json").stdout)
    below = sorted(code for code, totals in report["languages"].items() if totals["percent"] < 60)
    assert below, "the fixture tree should have a language under 60 %"
    message = failed.stderr.strip().splitlines()[-1]
    assert message.startswith("Error: Below 60% translated:")
    assert sorted(re.findall(r"\b(th|km) \d", message)) == [(code) for code in below]


def test_fail_under_by_document_names_document_and_language(tree):
    result = invoke("coverage", "--locale-dir", str(tree), "--by", "document", "-l", "th",
                    "-d", "plural*", "--fail-under", "100")
    assert result.exit_code == 1
    assert "plurals (th) 50.0%" in result.stderr
    assert "statement" not in result.stderr  # not selected by -d
    complete = invoke("coverage", "--locale-dir", str(tree), "--by", "document", "-l", "km",
                      "-d", "statement", "--fail-under", "60")
    assert complete.exit_code == 0, complete.output


def test_broken_catalog_is_named_and_the_rest_still_counted(tree):
    shutil.copyfile(FIXTURES / "broken" / "unterminated_string.po", tree / "th" / "LC_MESSAGES" / "broken.po")
    result = invoke("coverage", "--locale-dir", str(tree), "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert len(report["catalogs"]) == 5
    assert report["errors"] == [{"path": str(tree / "th" / "LC_MESSAGES" / "broken.po"), "line": 7,
                                 "problem": "unterminated or badly quoted string.", "fix": FIX_SYNTAX}]
    assert f"{tree}/th/LC_MESSAGES/broken.po:7: unterminated or badly quoted string." in result.stderr
    assert "Traceback" not in result.output
    table = invoke("coverage", "--locale-dir", str(tree))
    assert table.exit_code == 2
    assert re.search(r"^th Thai", table.stdout, re.MULTILINE)


def test_bad_selection_exits_2_with_a_hint(tree, tmp_path):
    unknown = invoke("coverage", "--locale-dir", str(tree), "-l", "lo")
    assert unknown.exit_code == 2
    assert "Languages found: km, th" in unknown.stderr
    nothing = invoke("coverage", "--locale-dir", str(tree), "-d", "no-such-*")
    assert nothing.exit_code == 2 and "No document matches" in nothing.stderr
    missing = invoke("coverage", "--locale-dir", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = invoke("coverage", "--locale-dir", str(tmp_path / "empty"))
    assert empty.exit_code == 2 and "no catalogs found" in empty.stderr


def test_project_catalogs_by_default(run, project_dir):
    result = run(["coverage", "--format", "json"])
    assert result.exit_code == 0, result.output  # the bundled catalogs are all readable
    report = json.loads(result.stdout)
    assert report["errors"] == []
    project = load_project(project_dir)
    assert list(report["languages"]) == list(project.language_codes)
    on_disk = sorted(path.relative_to(project_dir).as_posix()
                     for path in (project_dir / "locale").glob("*/LC_MESSAGES/**/*.po"))
    listed = sorted([c["path"] for c in report["catalogs"]] + [e["path"] for e in report["errors"]])
    assert listed == on_disk
    assert not any(c["path"].startswith("locale/pot") for c in report["catalogs"])
    unknown = run(["coverage", "-l", "xx"])
    assert unknown.exit_code == 2 and "Unknown language" in unknown.stderr


def test_report_writes_a_self_contained_page_and_badges(tree, tmp_path):
    output = tmp_path / "out"
    result = invoke("report", "--locale-dir", str(tree), "--output", str(output))
    assert result.exit_code == 0, result.output
    page = (output / "index.html").read_text(encoding="utf-8")
    for fetch in ("<script", "<link", "@import", "url(http", 'src="http', "src='http", "//fonts."):
        assert fetch not in page
    assert page.count('<tr><td>') >= 3  # one matrix row per document
    assert "vocabulary/terms" in page
    assert 'lang="km"' in page and "ខ្មែរ" in page  # native names are tagged with their language
    report = json.loads(invoke("coverage", "--locale-dir", str(tree), "--format", "json").stdout)
    for code, totals in report["languages"].items():
        badge = ElementTree.parse(output / f"coverage-{code}.svg").getroot()
        texts = [element.text for element in badge.iter("{http://www.w3.org/2000/svg}text")]
        assert code in texts and f"{floor_percent(totals['percent']):g}%" in texts
        assert f"{totals['translated']} / {totals['total']}" in page


def test_report_default_output_in_project(run, project_dir):
    result = run(["report", "-l", "th", "-l", "km"])
    assert result.exit_code == 0, result.output
    assert (project_dir / "_build" / "coverage" / "index.html").is_file()
    assert sorted(p.name for p in (project_dir / "_build" / "coverage").glob("*.svg")) == ["coverage-km.svg", "coverage-th.svg"]


def test_report_lists_unreadable_catalogs(tree, tmp_path):
    shutil.copyfile(FIXTURES / "broken" / "merge_conflict.po", tree / "km" / "LC_MESSAGES" / "conflict.po")
    result = invoke("report", "--locale-dir", str(tree), "--output", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "conflict.po:6:" in result.stderr
    assert "conflict.po:6:" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_write_report_for_the_site_builder(project, tree, tmp_path):
    page = write_report(project, tmp_path / "site" / "coverage")
    assert page == tmp_path / "site" / "coverage" / "index.html" and page.is_file()
    assert {p.name for p in page.parent.glob("*.svg")} == {f"coverage-{code}.svg" for code in project.language_codes}
    other = write_report(tree, tmp_path / "other")
    assert "vocabulary/terms" in other.read_text(encoding="utf-8")


def test_a_missing_catalog_falls_short_of_any_threshold(tree):
    # km has vocabulary/terms, th has not: with --by document, th fails for it
    result = invoke("coverage", "--locale-dir", str(tree), "--by", "document", "-d", "vocabulary/*",
                    "--fail-under", "0")
    assert result.exit_code == 1
    assert "vocabulary/terms (th) no catalog" in result.stderr
    assert "(km)" not in result.stderr


def test_report_marks_a_language_without_catalogs(tree, tmp_path):
    (tree / "lo" / "LC_MESSAGES").mkdir(parents=True)
    result = invoke("report", "--locale-dir", str(tree), "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    badge = ElementTree.parse(tmp_path / "out" / "coverage-lo.svg").getroot()
    assert [t.text for t in badge.iter("{http://www.w3.org/2000/svg}text")] == ["lo", "lo", "no catalogs", "no catalogs"]
    assert "no catalogs yet" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    table = invoke("coverage", "--locale-dir", str(tree))
    assert re.search(r"^lo Lao +no catalogs$", table.stdout, re.MULTILINE)
