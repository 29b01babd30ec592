"""Damage a real catalog at random, then run every command that reads or writes catalogs.

Each command either refuses (exit 2, the file named on one line, no traceback,
no byte changed anywhere) or succeeds with every earlier translation still in
its catalog and every catalog valid for msgfmt. A bounded number of examples
keeps this under a minute.
"""
from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from damage import damaged
from mmn_i18n.gettext.catalogs import read_catalog
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.errors import CatalogError

LANG = "th"
TARGETS = ["statement-migrants-day-2015.po", "about.po", "vocabulary/index.po", "vocabulary/a-z.po"]
COMMANDS = [  # every command that reads or writes catalogs, on the damaged catalog's language
    ["coverage", "-l", LANG], ["check", "-l", LANG], ["status"], ["glossary", "lookup", "migrant"],
    ["glossary", "export", "-o", "../export.tbx"], ["glossary", "import", "../sheet.csv"],
    ["fix", "zawgyi", "-l", LANG], ["update", "-l", LANG],
]
READS_EVERY_CATALOG = {"coverage", "check", "update", "fix"}  # of the language; glossary: vocabulary/index only


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "project")


def write_sheet(root: Path) -> None:
    """../sheet.csv: the vocabulary as exported, plus one Thai translation not yet there.

    Exported from the (damaged) tree itself, so that importing it changes no
    translation the catalog has, whatever the damage did to it.
    """
    sheet = root.parent / "sheet.csv"
    result = CliRunner().invoke(cli, ["glossary", "export", "--format", "csv", "-o", str(sheet)], obj={})
    if result.exit_code != 0:
        return  # the damaged catalog is refused: so will the import be, with any sheet
    rows = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    # a term with no Thai text at all (a fuzzy one would be replaced, as the user asked)
    catalog = read_catalog(root / "locale" / LANG / "LC_MESSAGES" / "vocabulary" / "index.po")
    translated = {entry.msgid for entry in catalog if entry.msgstr}
    empty = next((row for row in rows if not row.get(LANG) and row["en"] not in translated), None)
    if empty is not None:
        empty[LANG] = "คำทดสอบ"
    with sheet.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


class _chdir:
    def __init__(self, path: Path) -> None:
        self.path, self.old = path, Path.cwd()

    def __enter__(self):
        import os
        os.chdir(self.path)

    def __exit__(self, *exc):
        import os
        os.chdir(self.old)


def snapshot(root: Path) -> dict[str, str]:
    # the project's files; not the git-ignored build output nor .mmn-i18n/ (catalog lock files, workspace state)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "_build" not in p.parts and ".mmn-i18n" not in p.parts}


def translations(path: Path) -> set[str]:
    catalog = read_catalog(path)
    return {value for entry in catalog for value in (entry.msgstr, *entry.msgstr_plural.values()) if value}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: each example runs 8 commands
@given(data=st.data())
def test_every_command_refuses_damage_or_keeps_every_translation(pristine, tmp_path_factory, data):
    root = tmp_path_factory.mktemp("damaged") / "project"
    shutil.copytree(pristine, root)
    target = root / "locale" / LANG / "LC_MESSAGES" / data.draw(st.sampled_from(TARGETS))
    kind, damaged_bytes = data.draw(damaged(target.read_bytes()))
    target.write_bytes(damaged_bytes)
    try:
        read_catalog(target)
        readable = True
    except CatalogError:
        readable = False
    catalogs = sorted((root / "locale" / LANG / "LC_MESSAGES").rglob("*.po"))
    earlier = {path: translations(path) for path in catalogs if readable or path != target}
    runner = CliRunner()
    with _chdir(root):
        write_sheet(root)
        for command in COMMANDS:
            before = snapshot(root)
            result = runner.invoke(cli, command, obj={})
            said = result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), (command, kind, said)
            assert "Traceback" not in said
            if result.exit_code == 2:
                assert any(str(target.relative_to(root)) in line for line in said.splitlines()), (command, kind, said)
                assert snapshot(root) == before, (command, kind)
                continue
            assert result.exit_code in (0, 1), (command, kind, said)
            reads_target = command[0] in READS_EVERY_CATALOG or (command[0] == "glossary" and target.name == "index.po"
                                                                 and target.parent.name == "vocabulary")
            assert readable or not reads_target, (command, kind, "a catalog the reader refuses was used", said)
            for path, texts in earlier.items():
                assert texts <= translations(path), (command, kind, path, texts - translations(path))
            if snapshot(root) == before:
                continue  # nothing written: nothing more to check
            for path in catalogs:
                check = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True)
                assert check.returncode == 0, (command, kind, path, check.stderr)
