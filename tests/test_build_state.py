"""No state outlives a build or a check run: two in one process each see only their own project.

Sphinx runs in this process here (sphinx.cmd.build.build_main, twice), as a
server previewing several projects, or a test session, would run it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
from sphinx.cmd.build import build_main

from mmn_i18n.gettext.checks import check_catalog
from mmn_i18n.gettext.glossary.model import LocalText, Term, Termbase

REPO = Path(__file__).resolve().parents[1]
TERMS_HEADER = "id,term,part_of_speech,category,definition,example,related,added,avoid,avoid_reason\n"


def small_project(root: Path, term: str, label: str) -> Path:
    """A project with one vocabulary term and one document (guide) holding a :ref: label."""
    if root.exists():
        shutil.rmtree(root)
    (root / "source").mkdir(parents=True)
    (root / "glossary").mkdir()
    shutil.copy2(REPO / "conf.py", root / "conf.py")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "small"\nversion = "0"\n\n[tool.mmn-i18n]\nsource-language = "en"\n'
        'languages = ["th"]\nsource-dir = "source"\nlocale-dir = "locale"\nbuild-dir = "_build"\n', encoding="utf-8")
    (root / "glossary" / "terms.csv").write_text(
        TERMS_HEADER + f"{term},{term},noun,Work,The {term} of a migrant worker.,A {term} is named here.,,2026-01-01,,\n",
        encoding="utf-8")
    (root / "source" / "index.rst").write_text(
        f"Home\n====\n\nSee :ref:`{label}`.\n\n.. toctree::\n\n   guide\n   vocabulary/index\n", encoding="utf-8")
    (root / "source" / "guide.rst").write_text(
        f":kind: report\n:date: 2026-01-01\n:publish-in: th\n\n.. _{label}:\n\nGuide\n=====\n\nText.\n",
        encoding="utf-8")
    # the guide is published in English only: the Thai site links the English page instead
    (root / "publication.json").write_text(json.dumps(
        {"languages": ["en", "th"], "documents": {"index": ["en", "th"], "guide": ["en"]}}), encoding="utf-8")
    return root


def build_thai(root: Path) -> Path:
    out = root / "_build" / "html" / "th"
    code = build_main(["-b", "html", "-q", "-c", str(root), "-d", str(root / "_build" / "doctrees"),
                       "-D", "language=th", "-D", f"mmn_publication_file={root / 'publication.json'}",
                       str(root / "source"), str(out)])
    assert code == 0
    return out


def test_two_projects_built_in_one_process_each_get_their_own_publications_and_vocabulary(tmp_path):
    # The same folder, one project after the other: nothing keyed by the source folder may survive.
    first = build_thai(small_project(tmp_path / "site", "broker", "first-label"))
    first_index = (first / "index.html").read_text(encoding="utf-8")
    assert "../en/guide.html#first-label" in first_index
    assert "broker" in (first / "vocabulary" / "a-z.html").read_text(encoding="utf-8")

    second = build_thai(small_project(tmp_path / "site", "recruiter", "second-label"))
    index = (second / "index.html").read_text(encoding="utf-8")
    assert "../en/guide.html#second-label" in index  # the second project's label, not the first's
    assert "first-label" not in index
    vocabulary = (second / "vocabulary" / "a-z.html").read_text(encoding="utf-8")
    assert "recruiter" in vocabulary and "broker" not in vocabulary


def termbase(thai: str) -> Termbase:
    term = Term("broker", "broker", "noun", "Work", "A go-between.", "", (), "2026-01-01")
    return Termbase((term,), {"th": {"broker": {"term": LocalText(thai)}}}, {"th": ()})


def test_two_termbases_checked_in_one_process_each_give_their_own_findings(tmp_path):
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {"Language": "th", "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=1; plural=0;"}
    catalog.append(polib.POEntry(msgid="Ask the broker for a receipt.", msgstr="ขอใบเสร็จจากนายหน้า"))
    path = tmp_path / "th" / "LC_MESSAGES" / "guide.po"
    path.parent.mkdir(parents=True)
    catalog.save(str(path))

    def terminology(base: Termbase) -> list[str]:
        return [finding.message for finding in check_catalog(path, termbase=base) if finding.check == "terminology"]

    assert terminology(termbase("นายหน้า")) == []  # the approved term is used
    found = terminology(termbase("ผู้จัดหางาน"))  # another termbase approves another word
    assert len(found) == 1 and "ผู้จัดหางาน" in found[0]
    assert terminology(termbase("นายหน้า")) == []
