"""Review: approvals recorded in the catalogs, void when the text changes, surviving the translators' tools, gating publication."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.coverage import count_catalog, count_lines, count_tidy_text
from mmn_i18n.gettext.review import approve, is_reviewed, review_hash, waiting

STATEMENT = "statement-migrants-day-2015"


def statement(project_dir: Path, lang: str = "th") -> Path:
    return project_dir / "locale" / lang / "LC_MESSAGES" / f"{STATEMENT}.po"


def unreviewed(path: Path) -> Path:
    """The catalog with its approval records taken out (the bundled ones carry the team's second reading)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("# mmn-reviewed:")), encoding="utf-8")
    return path


@pytest.fixture
def project_dir(project_dir: Path) -> Path:
    unreviewed(statement(project_dir))
    return project_dir


def test_approve_all_then_nothing_waits_and_coverage_counts_it(run, project_dir):
    waiting_before = json.loads(run(["review", "list", "-l", "th", "-d", STATEMENT, "--format", "json"]).stdout)
    translated = count_catalog(statement(project_dir)).translated
    assert len(waiting_before) == translated > 0
    result = run(["review", "approve", "-l", "th", "-d", STATEMENT, "--all", "--by", "Test Reader"])
    assert result.exit_code == 0, result.output
    assert f"{translated} approved by Test Reader" in result.output
    assert json.loads(run(["review", "list", "-l", "th", "-d", STATEMENT, "--format", "json"]).stdout) == []
    text = statement(project_dir).read_text(encoding="utf-8")
    assert text.count("# mmn-reviewed: Test Reader, ") == translated
    report = json.loads(run(["coverage", "-l", "th", "--format", "json"]).stdout)
    catalog = next(c for c in report["catalogs"] if c["document"] == STATEMENT)
    assert catalog["reviewed"] == catalog["translated"] and catalog["reviewed_percent"] == 100.0
    assert report["documents"][STATEMENT]["th"]["reviewed"] == translated
    assert report["languages"]["th"]["reviewed"] == translated
    table = run(["coverage", "-l", "th"]).stdout
    assert "Reviewed" in table and all(len(line) <= 80 for line in table.splitlines())
    again = run(["review", "approve", "-l", "th", "-d", STATEMENT, "--all", "--by", "Test Reader"])
    assert f"0 approved by Test Reader, {translated} already approved" in again.output
    assert statement(project_dir).read_text(encoding="utf-8") == text


def test_status_waits_for_review_then_publishes(run, project_dir):
    cell = _thai_statement_cell(run)
    total = count_catalog(statement(project_dir)).total
    assert not cell["ready"]
    assert f"0 of {total} messages reviewed, statement needs 100%" in " ".join(cell["reasons"])
    assert f"0 of {total} messages reviewed, statement needs 100%" in run(["status", "-l", "th"]).stdout
    catalog = read_catalog(statement(project_dir))
    first = next(e for e in catalog if e.msgstr and not e.obsolete and "fuzzy" not in e.flags)
    run(["review", "approve", "-l", "th", "-d", STATEMENT, "--msgid", first.msgid, "--by", "Test Reader"])
    assert f"1 of {total} messages reviewed" in " ".join(_thai_statement_cell(run)["reasons"])
    run(["review", "approve", "-l", "th", "-d", STATEMENT, "--all", "--by", "Test Reader"])
    cell = _thai_statement_cell(run)
    assert cell["reviewed_percent"] == 100.0
    assert not any("reviewed;" in reason for reason in cell["reasons"]), cell["reasons"]
    assert cell["ready"] or count_catalog(statement(project_dir)).percent < 100, cell["reasons"]


def _thai_statement_cell(run) -> dict:
    data = json.loads(run(["status", "-l", "th", "-d", STATEMENT, "--format", "json"]).stdout)
    return next(c for c in data["documents"][0]["cells"] if c["language"] == "th")


def test_a_fuzzy_or_unknown_entry_cannot_be_approved_and_nothing_changes(run, project_dir):
    path = project_dir / "locale" / "shn" / "LC_MESSAGES" / "about.po"
    before = path.read_bytes()
    fuzzy = next(e for e in read_catalog(path) if "fuzzy" in e.flags and e.msgstr and not e.obsolete)
    result = run(["review", "approve", "-l", "shn", "-d", "about", "--msgid", fuzzy.msgid, "--by", "X"])
    assert result.exit_code == 2 and "is fuzzy" in result.output and "about.po:" in result.output
    unknown = run(["review", "approve", "-l", "shn", "-d", "about", "--msgid", "No such English", "--by", "X"])
    assert unknown.exit_code == 2 and "no entry with msgid" in unknown.output
    comma = run(["review", "approve", "-l", "shn", "-d", "about", "--all", "--by", "Doe, Jane"])
    assert comma.exit_code == 2 and "without commas" in comma.output
    assert path.read_bytes() == before
    result = run(["review", "approve", "-l", "shn", "-d", "about", "--all", "--by", "X"])
    assert "fuzzy or untranslated left for the translator" in result.output
    assert not any(is_reviewed(e) for e in read_catalog(path) if "fuzzy" in e.flags)


# --- properties -------------------------------------------------------------

TEXT = st.lists(st.sampled_from(list("abc xyz.\"\\\t\nแรงງານ្ក") + ["ကျ", "ၼမ်ႉ", "工人"]),
                min_size=1, max_size=20).map("".join)
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


@st.composite
def entries(draw):
    found, keys = [], set()
    for _ in range(draw(st.integers(1, 5))):
        msgctxt = draw(st.none() | TEXT)
        msgid = draw(TEXT)
        if (msgctxt, msgid) in keys:
            continue
        keys.add((msgctxt, msgid))
        if draw(st.booleans()):
            entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgid_plural=draw(TEXT),
                                  msgstr_plural={0: draw(TEXT), 1: draw(TEXT)})
        else:
            entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr=draw(TEXT))
        found.append(entry)
    return found


def write_entries(path: Path, found: list[polib.POEntry]) -> None:
    catalog = polib.pofile(HEADER)
    for entry in found:
        catalog.append(entry)
    write_catalog(catalog, path)


def approved_catalog(tmp_path: Path, found: list[polib.POEntry]) -> Path:
    """A catalog of these entries, every one approved through mmn_i18n.gettext.review.approve."""
    from mmn_i18n.project import Project

    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    path = root / "locale" / "th" / "LC_MESSAGES" / "doc.po"
    write_entries(path, found)
    project = Project(root=root, language_codes=("th",))
    approve(project, "th", "doc", None, "Prop Reader", "2026-12-05")
    return path


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(found=entries(), which=st.integers(0, 4), field=st.sampled_from(["msgid", "msgstr", "msgctxt", "plural"]),
       extra=TEXT)
def test_any_edit_of_the_text_voids_the_approval(tmp_path, found, which, field, extra):
    path = approved_catalog(tmp_path, found)
    catalog = read_catalog(path)
    active = [e for e in catalog if e.msgid]
    assert all(is_reviewed(e) for e in active)
    assert count_catalog(path).reviewed == len(active)
    entry = active[which % len(active)]
    if field == "msgid":
        entry.msgid += extra
    elif field == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + extra
    elif field == "plural" and entry.msgid_plural:
        entry.msgstr_plural[1] += extra
    elif entry.msgid_plural:
        entry.msgstr_plural[0] = extra + entry.msgstr_plural[0]
    else:
        entry.msgstr += extra
    assume(len({(e.msgctxt, e.msgid) for e in active}) == len(active))  # the edit made no duplicate
    write_catalog(catalog, path)
    after = {(e.msgctxt, e.msgid): e for e in read_catalog(path) if e.msgid}
    edited = after[(entry.msgctxt, entry.msgid)]
    assert not is_reviewed(edited)
    assert sum(is_reviewed(e) for e in after.values()) == len(active) - 1
    text = path.read_text(encoding="utf-8")
    tidy = count_tidy_text(text)  # None when the fast reader leaves a layout to the line scanner
    assert count_lines(text).reviewed == len(active) - 1
    assert tidy is None or tidy.reviewed == len(active) - 1


def gettext(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True)


@PROPERTY
@given(found=entries(), changed=st.integers(0, 4), extra=TEXT)
def test_msgcat_msgmerge_and_powrap_keep_every_approval_of_unchanged_text(tmp_path, found, changed, extra):
    path = approved_catalog(tmp_path, found)
    approved = {(e.msgctxt, e.msgid): review_hash(e) for e in read_catalog(path) if e.msgid}
    # a template where one English text changed: that entry becomes fuzzy, the rest must keep their approval
    template = polib.pofile(HEADER)
    kept = set(approved)
    for number, entry in enumerate(e for e in read_catalog(path) if e.msgid):
        msgid = entry.msgid + extra if number == changed else entry.msgid
        assume((entry.msgctxt, msgid) not in approved or number != changed)
        if number == changed:
            kept.discard((entry.msgctxt, entry.msgid))
        template.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=msgid, msgid_plural=entry.msgid_plural,
                                      msgstr="" if not entry.msgid_plural else None,
                                      msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {}))
    pot = tmp_path / "doc.pot"
    pot.write_text(str(template), encoding="utf-8")
    merged = tmp_path / "merged.po"
    gettext("msgmerge", "--quiet", "--previous", "-o", str(merged), str(path), str(pot))
    gettext("msgcat", "-o", str(merged), str(merged))
    gettext(str(Path(shutil.which("powrap") or Path(__file__).parents[1] / ".venv/bin/powrap")), str(merged))
    result = {(e.msgctxt, e.msgid): e for e in read_catalog(merged) if e.msgid and not e.obsolete}
    for key in kept & set(result):
        assert is_reviewed(result[key]), key
        assert review_hash(result[key]) == approved[key]
    assert count_catalog(merged).reviewed == sum(is_reviewed(e) for e in result.values())
    assert count_catalog(merged).reviewed == len(kept & set(result))


def test_sphinx_intl_update_keeps_approvals(project_dir):
    approve_path = statement(project_dir)
    from mmn_i18n.project import load_project

    approve(load_project(project_dir), "th", STATEMENT, None, "Test Reader", "2026-12-05")
    reviewed = count_catalog(approve_path).reviewed
    assert reviewed > 0
    sphinx_intl = shutil.which("sphinx-intl") or str(Path(__file__).parents[1] / ".venv" / "bin" / "sphinx-intl")
    subprocess.run([sphinx_intl, "update", "-p", "locale/pot", "-d", "locale", "-l", "th"],
                   cwd=project_dir, check=True, capture_output=True)
    assert "mmn-reviewed" in approve_path.read_text(encoding="utf-8")
    assert count_catalog(approve_path).reviewed == reviewed
    assert sum(is_reviewed(e) for e in read_catalog(approve_path)) == reviewed


def test_waiting_names_stale_approvals(project):
    approve(project, "th", STATEMENT, None, "First Reader", "2026-12-01")
    path = statement(project.root)
    catalog = read_catalog(path)
    entry = next(e for e in catalog if is_reviewed(e))
    entry.msgstr += " (แก้ไข)"
    write_catalog(catalog, path)
    stale = [w for w in waiting(project, "th", STATEMENT)]
    assert [w.msgid for w in stale] == [entry.msgid]
    assert stale[0].stale[0].name == "First Reader"
    result = approve(project, "th", STATEMENT, [entry.msgid], "Second Reader", "2026-12-05")
    assert result.approved == (entry.msgid,)
    again = next(e for e in read_catalog(path) if e.msgid == entry.msgid)
    assert is_reviewed(again) and again.tcomment.count("mmn-reviewed") == 1 and "Second Reader" in again.tcomment
