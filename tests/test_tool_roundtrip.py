"""Catalogs survive the tools translators use: after GNU msgcat, msgmerge, powrap,
sphinx-intl update or translate-toolkit rewrite them, `check` finds the same things
(suppressions included) and `mmn-i18n update` restores our layout byte for byte."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mmn_i18n.gettext.checks import check_paths, project_termbase
from mmn_i18n.project import load_project

BIN = Path(sys.executable).parent
# Catalogs holding `# mmn-ignore:` suppressions (and so findings they silence).
SUPPRESSED = ["km/LC_MESSAGES/about.po", "th/LC_MESSAGES/event-report-chiang-mai-2015.po",
              "zh_CN/LC_MESSAGES/summary-cambodian-exodus-2014.po"]


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def msgcat(locale: Path, path: Path) -> None:
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def msgmerge(locale: Path, path: Path) -> None:
    pot = locale / "pot" / f"{path.stem}.pot"
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=off", str(path), str(pot)], check=True)


def powrap(locale: Path, path: Path) -> None:
    subprocess.run([tool("powrap"), "--quiet", str(path)], check=True)


def sphinx_intl(locale: Path, path: Path) -> None:
    lang = path.relative_to(locale).parts[0]
    subprocess.run([tool("sphinx-intl"), "update", "-p", str(locale / "pot"), "-d", str(locale), "-l", lang],
                   check=True, capture_output=True)


def translate_toolkit(locale: Path, path: Path) -> None:
    from translate.storage import po

    store = po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


def _findings(locale: Path) -> set[tuple]:
    termbase = project_termbase(load_project(locale.parent))  # the terminology check silenced in km
    return {(f.path.relative_to(locale).as_posix(), f.msgid, f.check, f.message)
            for f in check_paths([locale], termbase=termbase)}


@pytest.mark.parametrize("rewrite", [msgcat, msgmerge, powrap, sphinx_intl, translate_toolkit],
                         ids=lambda function: function.__name__)
def test_a_tool_rewrites_the_catalogs_and_nothing_is_lost(run, project_dir, rewrite):
    locale = project_dir / "locale"
    paths = [locale / name for name in SUPPRESSED]
    originals = {path: path.read_bytes() for path in paths}
    assert all(b"# mmn-ignore: " in data for data in originals.values())
    before = _findings(locale)
    for path in paths:
        rewrite(locale, path)
    assert _findings(locale) == before
    assert run(["update", "-l", "km", "-l", "th", "-l", "zh_CN"]).exit_code == 0
    for path in paths:
        assert path.read_bytes() == originals[path], f"{path.name} after {rewrite.__name__} and update"
    assert run(["check", "-l", "km", "-l", "th", "-l", "zh_CN", "--format", "json"]).exit_code in (0, 1)


def test_without_the_comment_the_silenced_finding_is_there(project_dir):
    """The round trip above is not vacuous: the suppressions do silence findings."""
    locale = project_dir / "locale"
    before = _findings(locale)
    for name in SUPPRESSED:
        path = locale / name
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("# mmn-ignore:")), encoding="utf-8")
    # (zh_CN's "1970s" suppression is no longer needed: 70年代 now counts as the decade)
    assert {path for path, *_ in _findings(locale) - before} >= {SUPPRESSED[0], SUPPRESSED[1]}


def test_previous_english_dropped_by_sphinx_intl_comes_back_from_git_history(run, project_dir):
    """sphinx-intl update marks a changed paragraph fuzzy without `#| msgid`; our update
    finds the previous English in the committed template."""
    from mmn_i18n.gettext.catalogs import read_catalog

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project_dir, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project_dir, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=project_dir, check=True)
    source = project_dir / "source" / "statement-migrants-day-2015.rst"
    po = project_dir / "locale" / "th" / "LC_MESSAGES" / "statement-migrants-day-2015.po"
    old = next(e.msgid for e in read_catalog(po).translated_entries() if len(e.msgid.split()) > 15)
    words = old.split()
    new = " ".join(words[:-1] + ["very", words[-1]])
    text = source.read_text(encoding="utf-8")
    assert text.count(" ".join(words[-2:])) >= 1
    source.write_text(text.replace(" ".join(words[-2:]), " ".join(new.split()[-3:]), 1), encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    sphinx_intl(project_dir / "locale", po)
    entry = next(e for e in read_catalog(po) if "fuzzy" in e.flags and e.msgid.endswith(new.split()[-1]))
    assert not entry.previous_msgid  # what sphinx-intl leaves
    assert run(["update", "-l", "th"]).exit_code == 0
    entry = next(e for e in read_catalog(po) if e.msgid == entry.msgid)
    assert entry.previous_msgid == old and "fuzzy" in entry.flags
    before = po.read_bytes()
    assert run(["update", "-l", "th"]).exit_code == 0
    assert po.read_bytes() == before
