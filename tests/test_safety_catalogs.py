"""A translation cannot put markup into a page or change where a link points: the build stops at its file:line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.publishing.site.safety import problems

STATEMENT = "statement-migrants-day-2015"

# One unsafe translation per rule of mmn_i18n.publishing.site.safety, each tripping that rule alone,
# with exactly what it must report: removing or loosening any rule turns its case red.
ENGLISH = "Read the statement of the Mekong Migration Network."
UNSAFE = {
    "script": "แถลงการณ์ <script>alert('x')</script> ของเครือข่าย",
    "event-handler": 'คลิก <b onmouseover="steal()">ที่นี่</b>',
    "raw-directive": "ข้อความ\n\n.. raw:: html\n\n   <b>ตัวหนา</b>",
    "new-directive": "ข้อความ\n\n.. include:: /etc/passwd",
    "raw-role": "อ่าน :raw-html:`<b>ตัวหนา</b>` ที่นี่",
    "javascript": "อ่าน javascript:alert(1) ที่นี่",
    "foreign-url": "ดูที่ https://evil.example.org/ ค่ะ",
    "link-target": "อ่าน `รายงาน <evil-page.html>`_ ที่นี่",
}
EXPECTED = {
    "script": ["HTML <script> in the translation; write text only"] * 2,  # the opening and the closing tag
    "event-handler": ["an HTML event handler (on...=) in the translation; write text only"],
    "raw-directive": ["a '.. raw::' directive the English does not have; remove it"],
    "new-directive": ["a '.. include::' directive the English does not have; remove it"],
    "raw-role": ["a raw role in the translation; remove it"],
    "javascript": ["a javascript: link; links must point where the English ones do"],
    "foreign-url": ["the URL https://evil.example.org/ is not in the English; keep the English message's links"],
    "link-target": ["the link target <evil-page.html> is not in the English; keep the English target"],
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_each_kind_of_unsafe_translation_is_named_by_its_own_rule(case):
    assert problems(ENGLISH, UNSAFE[case]) == EXPECTED[case]


def test_raw_is_refused_even_where_the_english_has_it():
    english = "Text.\n\n.. raw:: html\n\n   <hr>"
    assert problems(english, "ข้อความ\n\n.. raw:: html\n\n   <hr>") == [
        "a '.. raw::' directive the English does not have; remove it"]
    assert problems("Text.\n\n.. note::\n\n   Read.", "ข้อความ\n\n.. note::\n\n   อ่าน") == []


def test_safe_translations_pass_including_the_english_links_and_term_targets():
    english = "See `our website <https://www.mekongmigration.org>`_ and :term:`migrant workers <migrant worker>`."
    thai = "ดู `เว็บไซต์ของเรา <https://www.mekongmigration.org>`_ และ :term:`แรงงานข้ามชาติ <migrant worker>`"
    assert problems(english, thai) == []
    assert problems("Contact us at 5 < 6 > 4.", "ติดต่อเรา 5 < 6 > 4") == []


def _poison(project_dir, cases: list[str]) -> dict[str, int]:
    """Put each unsafe text into a translated entry of the Thai statement; {case: line of its entry}."""
    path = project_dir / "locale" / "th" / "LC_MESSAGES" / f"{STATEMENT}.po"
    catalog = read_catalog(path)
    entries = [entry for entry in catalog if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags]
    for case, entry in zip(cases, entries[1:]):
        entry.msgstr = UNSAFE[case]
        entry.msgid = entry.msgid  # unchanged: a translator edits only msgstr
    write_catalog(catalog, path)
    lines = {}
    for entry in read_catalog(path):
        for case in cases:
            if entry.msgstr == UNSAFE[case]:
                lines[case] = entry.linenum
    assert set(lines) == set(cases)
    return lines


def test_build_stops_with_file_and_line_of_each_unsafe_entry_and_writes_nothing(run, project_dir):
    lines = _poison(project_dir, sorted(UNSAFE))
    result = run(["build", "--lang", "th"])
    assert result.exit_code == 2
    where = f"locale/th/LC_MESSAGES/{STATEMENT}.po"
    for case, line in lines.items():
        assert f"{where}:{line}: {EXPECTED[case][0]}" in result.output, (case, result.output)
    assert "Nothing was built" in result.output
    assert "Traceback" not in result.output
    assert not (project_dir / "_build" / "html" / "th").exists()


def test_plain_sphinx_build_refuses_too_even_without_warnings_as_errors(project_dir):
    """Someone running sphinx-build by hand gets the same stop, before any page is written."""
    lines = _poison(project_dir, ["script"])
    outdir = project_dir / "_build" / "plain-th"
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-c", ".", "-D", "language=th",
                          "source", str(outdir)], capture_output=True, text=True, cwd=project_dir)
    assert run.returncode != 0
    assert f"{STATEMENT}.po:{lines['script']}:" in run.stderr
    assert "Unsafe translation" in run.stderr
    assert not list(outdir.rglob("*.html"))
