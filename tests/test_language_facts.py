"""Languages as data: the facts table agrees with CLDR, and adding a language is one entry plus `mmn-i18n init`."""
from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from pathlib import Path

import polib
import pytest

from mmn_i18n import language_facts
from mmn_i18n.language_facts import FACTS, facts
from mmn_i18n.languages import _cldr_plural_forms, get_language, likely_script
from mmn_i18n.publishing.language_css import print_rules, site_rules

# A language the table does not have, as a newcomer would add it: Japanese, written
# without spaces, dated in the Heisei (1989-2019) and Reiwa (2019-) eras as often
# as in Gregorian years. Its plural rule is written "(0)" (as Shan's is) so the
# catalogs show that the table's rule, not Babel's "0", reached them.
JAPANESE = '''
from mmn_i18n.language_facts import DICTIONARY, FACTS, LanguageFacts

FACTS["ja"] = LanguageFacts(
    "ja", "Jpan", word_spaces=False, english_name="Japanese", segmentation=DICTIONARY, icu_locale="ja",
    plural_forms="nplurals=1; plural=(0);", web_line_height=1.8, pdf_line_height=1.7,
    upright_emphasis=True, year_offsets=(-1988, -2018))
'''


@pytest.mark.parametrize("code", sorted(FACTS))
def test_table_agrees_with_cldr(code):
    """The names, scripts and plural rules the table holds are CLDR's (no hand-kept drift)."""
    entry = FACTS[code]
    locale = get_language(code).locale
    assert entry.english_name == locale.english_name
    assert entry.script == likely_script(code)
    assert entry.plural_forms == _cldr_plural_forms(code)


def test_one_fact_one_place_word_separation():
    """Every module that asks whether a language writes spaces gets the table's answer."""
    from mmn_i18n.gettext.glossary import textmatch
    from mmn_i18n.publishing.site import line_breaks

    for code, entry in FACTS.items():
        assert get_language(code).uses_whitespace is entry.word_spaces
        assert textmatch.uses_spaces(code) is entry.word_spaces
        assert (line_breaks._lang_key(entry.bcp47) is not None) is entry.web_word_spans


def test_regional_variant_and_unknown_codes():
    assert facts("km_KH").icu_locale == "km" and facts("km_KH").bcp47 == "km-KH"
    assert get_language("km_KH").english_name == "Khmer (Cambodia)"  # CLDR's, not the table's "Khmer"
    assert facts("zh_TW").word_spaces is False  # no entry: its script's defaults
    assert facts("xx").word_spaces is True


def test_languages_import_no_babel():
    """Listing the languages of a project (coverage, settings) costs no Babel import."""
    import subprocess
    import sys

    code = ("import sys; from mmn_i18n.languages import get_language; "
            "[get_language(c).english_name + get_language(c).plural_forms for c in "
            "('en', 'my', 'km', 'lo', 'th', 'vi', 'zh_CN', 'shn')]; print('babel' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_css_rules_come_from_the_table(monkeypatch):
    before = "\n".join(site_rules())
    assert ":lang(ja)" not in before
    exec(JAPANESE, {})
    try:
        after = "\n".join(site_rules())
        assert re.search(r":root:is\(:lang\(ja\)\) .*\{ line-height: 1\.8; \}", after)
        assert ":lang(th), :lang(zh), :lang(ja)) :is(em, i, cite)" in after
        rules = print_rules()
        assert ":lang(ja) { font-family: \"Noto Sans CJK SC\", \"Noto Sans\", sans-serif; line-height: 1.7; }" in rules["fonts"]
        assert "em:lang(ja)" in rules["emphasis"]
    finally:
        del FACTS["ja"]


@pytest.fixture
def japanese(tmp_path, monkeypatch):
    """The Japanese entry in this process and in every Python process the commands start (Sphinx builds)."""
    folder = tmp_path / "with-ja"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(JAPANESE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(folder))
    exec(JAPANESE, {})
    language_facts._derived.cache_clear()
    get_language.cache_clear()
    yield
    del FACTS["ja"]
    get_language.cache_clear()


def _translate_all(catalog_path: Path) -> None:
    """Translate the entry naming the year 2015 as 平成27年 (Heisei 27)."""
    catalog = polib.pofile(str(catalog_path), wrapwidth=0)
    for entry in catalog:
        if entry.msgid == "Founded in 2015.":
            entry.msgstr = "平成27年設立。"
    catalog.save()


def test_a_new_language_is_one_entry_plus_init(japanese, run, project_dir):
    assert run(["init", "ja"]).exit_code == 0
    catalog = project_dir / "locale" / "ja" / "LC_MESSAGES" / "about.po"
    assert "Plural-Forms: nplurals=1; plural=(0);" in catalog.read_text(encoding="utf-8")

    result = run(["extract"])
    assert result.exit_code == 0, result.output
    result = run(["update", "-l", "ja"])
    assert result.exit_code == 0, result.output
    assert "Plural-Forms: nplurals=1; plural=(0);" in catalog.read_text(encoding="utf-8")

    result = run(["coverage", "-l", "ja", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)

    # The checks read the entry: 平成27年 is 2015 in the Heisei era, not a changed figure.
    catalog.write_text(catalog.read_text(encoding="utf-8") + textwrap.dedent('''
        #: ../../source/about.rst:2
        msgid "Founded in 2015."
        msgstr ""
        '''), encoding="utf-8")
    _translate_all(catalog)

    def year_findings() -> list[dict]:
        result = run(["check", "-l", "ja", "--format", "json"])
        return [item for item in json.loads(result.stdout)
                if item["path"].endswith("about.po") and item["msgid"] == "Founded in 2015."]

    assert not year_findings()
    FACTS["ja"] = dataclasses.replace(FACTS["ja"], year_offsets=())  # the same language, no eras known
    assert {item["check"] for item in year_findings()} & {"numbers-missing", "numbers-extra"}
    exec(JAPANESE, {})

    # The site: Sphinx runs in another process, which reads the same table (sitecustomize above).
    result = run(["build", "--format", "html", "-l", "ja"])
    site = project_dir / "_build" / "html" / "ja"
    assert (site / "index.html").is_file(), result.output
    assert '<html lang="ja"' in (site / "index.html").read_text(encoding="utf-8")
    css = (site / "_static" / "mmn-fonts.css").read_text(encoding="utf-8")
    assert re.search(r":root:is\(:lang\(ja\)\) .*\{ line-height: 1\.8; \}", css)


@pytest.mark.parametrize("command", [["coverage"], ["check"], ["update"], ["build", "--format", "html"]])
def test_a_source_language_other_than_english_is_refused_at_load(run, project_dir, command):
    """Sites, PDFs and the vocabulary still take sources to be English: refused in one line, nothing written."""
    config = project_dir / "pyproject.toml"
    text = config.read_text(encoding="utf-8").replace('source-language = "en"', 'source-language = "fr"')
    config.write_text(text, encoding="utf-8")
    before = {path: path.stat().st_mtime_ns for path in (project_dir / "locale").rglob("*.po")}
    result = run(command)
    assert result.exit_code == 2
    line = text.splitlines().index('source-language = "fr"') + 1
    assert result.output.strip() == (
        f'Error: {config}:{line}: [tool.mmn-i18n] source-language = "fr" is not supported: mmn-i18n\'s sites, '
        'PDFs and vocabulary take the sources to be English. Remove the setting or set it to "en".')
    assert {path: path.stat().st_mtime_ns for path in (project_dir / "locale").rglob("*.po")} == before
    assert not (project_dir / "_build").exists()
