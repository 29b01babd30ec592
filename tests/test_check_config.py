"""[tool.mmn-i18n.checks] and --disable: per-tree settings, shown by --list, validated."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mmn_i18n.interfaces.cli import cli
from checks_helpers import write_po

PYPROJECT = """[project]
name = "someone-elses-docs"

[tool.mmn-i18n]
languages = ["vi"]
locale-dir = "locale"

[tool.mmn-i18n.checks]
disable = ["untranslated"]
severity = {numbers = "warning", links = "error"}
"""


def tree(tmp_path: Path, config: str = PYPROJECT) -> Path:
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    write_po(tmp_path / "locale", "vi", [
        {"msgid": "138 participants", "msgstr": "183 người tham dự"},  # numbers: an error by default
        {"msgid": "Migrants have the right to health care.", "msgstr": "Migrants have the right to health care."},
    ])
    return tmp_path


def invoke(tmp_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(tmp_path), *args], obj={})


def test_the_trees_settings_change_severity_and_turn_checks_off(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path))
    result = invoke(tmp_path, "check")
    assert result.exit_code == 0, result.output  # the changed figure is only a warning here
    assert "warning [numbers]" in result.stdout and "[untranslated]" not in result.stdout
    result = invoke(tmp_path, "check", "--disable", "numbers")
    assert "[numbers]" not in result.stdout


def test_list_shows_the_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path))
    lines = {line.split()[0]: line for line in invoke(tmp_path, "check", "--list", "--disable", "script").stdout.splitlines()}
    assert lines["untranslated"].split()[1] == "off" and "disabled by pyproject.toml" in lines["untranslated"]
    assert lines["numbers"].split()[1] == "warning" and "(default error)" in lines["numbers"]
    assert "disabled by --disable" in lines["script"]
    assert lines["links"].split()[1] == "error" and "[" not in lines["links"]  # as by default: no note


def test_unknown_ids_are_refused_with_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path, PYPROJECT.replace('"untranslated"', '"untranslatd"')))
    result = invoke(tmp_path, "check")
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}:9: unknown check 'untranslatd'" in result.output
    monkeypatch.chdir(tree(tmp_path, PYPROJECT.replace('numbers = "warning"', 'numbers = "info"')))
    result = invoke(tmp_path, "check", "--list")
    assert result.exit_code == 2 and "pyproject.toml:10: severity of 'numbers' is 'info'" in result.output
    tree(tmp_path)
    result = invoke(tmp_path, "check", "--disable", "numbrs")
    assert result.exit_code == 2 and "unknown check 'numbrs'" in result.output
    assert "Traceback" not in result.output
