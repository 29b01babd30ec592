"""The language registry: CLDR facts for every language, clear refusals."""
from __future__ import annotations

import json

import pytest

from mmn_i18n.languages import UnknownLanguage, get_language

EXPECTED = [
    # code, script, html lang, nplurals, writes spaces between words
    ("my", "Mymr", "my", 1, False),
    ("km", "Khmr", "km", 1, False),
    ("lo", "Laoo", "lo", 1, False),
    ("th", "Thai", "th", 1, False),
    ("vi", "Latn", "vi", 1, True),
    ("zh_CN", "Hans", "zh-CN", 1, False),
    ("shn", "Mymr", "shn", 1, False),
    ("en", "Latn", "en", 2, True),
]


@pytest.mark.parametrize("code,script,html_lang,nplurals,spaces", EXPECTED, ids=[row[0] for row in EXPECTED])
def test_registry_facts_come_from_cldr(code, script, html_lang, nplurals, spaces):
    language = get_language(code)
    assert language.script == script
    assert language.html_lang == html_lang
    assert language.nplurals == nplurals
    assert language.plural_forms.startswith(f"nplurals={nplurals};")
    assert language.uses_whitespace is spaces


def test_native_names_are_in_their_own_script():
    assert get_language("th").native_name == "ไทย"
    assert get_language("lo").native_name == "ລາວ"
    assert get_language("km").native_name == "ខ្មែរ"
    assert get_language("my").native_name == "မြန်မာ"
    assert get_language("shn").native_name == "တႆး"


def test_unknown_code_names_close_codes():
    with pytest.raises(UnknownLanguage, match=r"Did you mean: .*\bth\b"):
        get_language("thx")


def test_cli_refuses_unknown_language_naming_valid_codes(run):
    result = run(["update", "--lang", "xx"])
    assert result.exit_code == 2
    assert "Unknown language 'xx'" in result.output
    assert "th" in result.output and "shn" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_lists_all_languages_as_json(run):
    result = run(["languages", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == ["en", "my", "km", "lo", "th", "vi", "zh_CN", "shn"]
    assert {row["code"]: row["html_lang"] for row in rows}["zh_CN"] == "zh-CN"


def test_init_adds_a_language_with_one_command(run, project_dir):
    result = run(["init", "ja"])
    assert result.exit_code == 0, result.output
    assert '"ja"' in (project_dir / "pyproject.toml").read_text()
    created = sorted((project_dir / "locale" / "ja" / "LC_MESSAGES").glob("*.po"))
    assert created, "init must create the new language's catalogs"
    assert "Language: ja" in created[0].read_text(encoding="utf-8")
    assert run(["languages"]).output.count("ja ") >= 1
