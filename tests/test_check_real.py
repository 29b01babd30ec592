"""Checks against the real tools: Django's catalogs (precision), msgfmt and Sphinx (recall)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib

from mmn_i18n.gettext.checks import check_catalog, check_paths
from checks_helpers import write_po

REAL = Path(__file__).parent / "data" / "checks" / "real"


def test_django_catalogs_have_no_false_errors():
    """1,667 translated entries in my, km, th, vi, zh_Hans written by Django's translators."""
    findings = check_paths([REAL])
    errors = [(f.path.relative_to(REAL).as_posix(), f.check, f.msgid) for f in findings if f.is_error]
    # The one error is a real partial translation: "ឈ្មោះ python model class" is
    # one Khmer word and three English ones.
    assert errors == [("km/LC_MESSAGES/contenttypes.po", "script", "python model class name")]
    # ...and the checks find a real slip: Thai letters in Django's Khmer "Russian".
    mixed = [(f.language, f.msgid) for f in findings if f.check == "script-mixed"]
    assert ("km", "Russian") in mixed


def _msgfmt_rejected(path: Path) -> set[int]:
    """msgid lines of the entries `msgfmt --check` reports as errors."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [number for number, text in enumerate(lines, 1) if text.startswith("msgid ")]
    rejected = set()
    # "nplurals = 1..." at the header continues as "...but some messages have 2
    # plural forms" at the entry: the entry is where the problem is.
    for match in re.finditer(rf"^{re.escape(str(path))}:(\d+): (?!warning)(?!.*\.\.\.$)", result.stderr,
                             re.MULTILINE):
        line = int(match.group(1))
        rejected.add(max(start for start in starts if start <= line))
    return rejected


def test_whatever_msgfmt_rejects_is_an_error_at_its_entry(tmp_path):
    path = write_po(tmp_path, "th", [
        {"msgid": "%(count)d item", "msgid_plural": "%(count)d items", "msgstr_plural": ["รายการ"],
         "flags": ["python-format"]},
        {"msgid": "%(name)s has %(count)d", "msgstr": "%(name)s มี", "flags": ["python-format"]},
        {"msgid": "%(name)s has", "msgstr": "%(name)s มี %(x)s", "flags": ["python-format"]},
        {"msgid": "%s had %d", "msgstr": "%d มี %s", "flags": ["python-format"]},
        {"msgid": "%s has %d", "msgstr": "%2$d มี %1$s", "flags": ["c-format"]},
        {"msgid": "%s saw %d", "msgstr": "%d เห็น %s", "flags": ["c-format"]},
        {"msgid": "{name} has {count}", "msgstr": "{name} มี", "flags": ["python-brace-format"]},
        {"msgid": "Line\n", "msgstr": "บรรทัด"},
        {"msgid": "\nLine", "msgstr": "บรรทัด"},
        {"msgid": "%(count)d file", "msgid_plural": "%(count)d files",
         "msgstr_plural": ["%(count)d ไฟล์", "%(count)d ไฟล์"], "flags": ["python-format"]},
        {"msgid": "%(count)d day", "msgid_plural": "%(count)d days", "msgstr_plural": ["%(count)d วัน"],
         "flags": ["python-format"]},
        {"msgid": "%(count)d done", "msgstr": "เสร็จ %(count)d 50%", "flags": ["python-format"]},
        {"msgid": "%d percent", "msgstr": "%d% ของ", "flags": ["c-format"]},
        {"msgid": "{count} done", "msgstr": "เสร็จ {count} {", "flags": ["python-brace-format"]},
        {"msgid": "{count} left", "msgstr": "เหลือ {count} }", "flags": ["python-brace-format"]},
        {"msgid": "100%% sure %(x)s", "msgstr": "แน่ใจ 100% %(x)s", "flags": ["python-format"]},
        {"msgid": "%(x)s at 50%%", "msgstr": "%(x)s ที่ 50%% ข", "flags": ["python-format"]},
        {"msgid": "{{literal}} {count}", "msgstr": "{{ตัวอักษร}} {count}", "flags": ["python-brace-format"]},
    ])
    rejected = _msgfmt_rejected(path)
    assert len(rejected) >= 13  # the traps really are msgfmt errors
    ours = {f.line for f in check_catalog(path) if f.is_error}
    assert rejected <= ours
    # Nothing msgfmt accepts is called an error here, but for a lone "}", which
    # msgfmt lets through and Python's str.format refuses ("Single '}' encountered").
    lone_brace = {f.line for f in check_catalog(path) if f.msgid == "{count} left"}
    assert ours - rejected == lone_brace


CONF = """
project = "t"
extensions = []
locale_dirs = ["locale"]
gettext_compact = False
"""
SOURCE = """\
Title
=====

Millions of :term:`migrant workers <migrant worker>` moved.

The convention [#icrmw]_ was adopted.

See :ref:`the list <contacts>` and the `MMN website <https://www.mekongmigration.org>`_.

Workers need **rights** everywhere.

Read `Contacts`_ first.

Both conventions [#icrmw]_ and [#un]_ apply.

.. _contacts:

Contacts
--------

.. glossary::

   migrant worker
      A person who works away from home.

.. [#icrmw] The ICRMW.
.. [#un] The UN.
"""
TRANSLATIONS = {
    "Millions of :term:`migrant workers <migrant worker>` moved.":
        "แรงงาน\\ :term:`แรงงานข้ามชาติ`\\ หลายล้านคนได้ย้ายถิ่น",  # target translated
    "The convention [#icrmw]_ was adopted.": "อนุสัญญานี้ได้รับการรับรอง",  # footnote dropped
    "See :ref:`the list <contacts>` and the `MMN website <https://www.mekongmigration.org>`_.":
        "ดูรายชื่อ:ref:`รายชื่อ <contacts>`และ `เว็บไซต์ MMN <https://www.mekongmigration.org>`_",  # glued
    "Workers need **rights** everywhere.": "แรงงานต้องมี **สิทธิ ทุกที่",  # unclosed strong
    "Read `Contacts`_ first.": "อ่าน `ผู้ติดต่อ`_ ก่อน",  # reference name changed
    "Both conventions [#icrmw]_ and [#un]_ apply.": "ใช้บังคับทั้ง [#un]_ และ [#icrmw]_",  # order changed
}


def test_everything_sphinx_warns_about_is_an_error_here(tmp_path):
    project = tmp_path / "site"
    (project / "locale").mkdir(parents=True)
    (project / "conf.py").write_text(CONF, encoding="utf-8")
    (project / "index.rst").write_text(SOURCE, encoding="utf-8")
    entries = [{"msgid": msgid, "msgstr": msgstr} for msgid, msgstr in TRANSLATIONS.items()]
    po_path = write_po(project / "locale", "th", entries, name="index")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "text", "-q", "-D", "language=th", "-E",
         str(project), str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    warned_lines = {int(n) for n in re.findall(r"index\.rst:(\d+): WARNING", result.stderr)}
    source_lines = SOURCE.splitlines()
    warned = {msgid for msgid in TRANSLATIONS
              if any(source_lines[n - 1] == msgid for n in warned_lines if n <= len(source_lines))}
    assert len(warned) >= 4, result.stderr  # Sphinx does warn about these
    ours = {f.msgid for f in check_catalog(po_path) if f.is_error}
    assert warned <= ours
    # Sphinx says nothing about the glued :ref:, yet its link is lost: caught too.
    assert set(TRANSLATIONS) == ours
    text = (tmp_path / "out" / "index.txt").read_text(encoding="utf-8")
    assert "ดูรายชื่อ:ref:" in text  # the proof: the role is printed as plain text


def test_translations_sphinx_silently_drops_are_errors_here(tmp_path):
    """No warning from Sphinx, yet the English (or half the text) is published."""
    project = tmp_path / "site"
    (project / "locale").mkdir(parents=True)
    (project / "conf.py").write_text(CONF, encoding="utf-8")
    (project / "index.rst").write_text(
        "Title\n=====\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nThird paragraph here.\n", encoding="utf-8")
    po_path = write_po(project / "locale", "th", [
        {"msgid": "First paragraph here.", "msgstr": "ย่อหน้าแรก\n  ต่อ"},  # a definition list
        {"msgid": "Second paragraph here.", "msgstr": "ย่อหน้าที่สอง\n\n  ส่วนที่สอง"},  # paragraph + quote
        {"msgid": "Third paragraph here.", "msgstr": "1. ย่อหน้าที่สาม"},  # an enumerated list
    ], name="index")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "text", "-q", "-D", "language=th", "-E",
         str(project), str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0 and "WARNING" not in result.stderr
    text = (tmp_path / "out" / "index.txt").read_text(encoding="utf-8")
    assert "First paragraph here." in text and "Third paragraph here." in text
    assert "ย่อหน้าที่สอง" in text and "ส่วนที่สอง" not in text
    findings = [f for f in check_catalog(po_path) if f.is_error]
    assert [(f.check, f.msgid) for f in findings] == [
        ("rst-structure", "First paragraph here."), ("rst-structure", "Second paragraph here."),
        ("rst-structure", "Third paragraph here.")]


def test_titles_may_start_like_a_list(project_dir):
    """Sphinx underlines a title's translation before parsing it, so "1. ..." stays a title."""
    catalog = project_dir / "locale" / "th" / "LC_MESSAGES" / "statement-migrants-day-2015.po"
    po = polib.pofile(str(catalog))
    source = (project_dir / "source" / "statement-migrants-day-2015.rst").read_text(encoding="utf-8").splitlines()
    title = next(e for e in po if e.msgid in source and set(source[source.index(e.msgid) + 1]) == {"-"})
    paragraph = next(e for e in po if len(e.msgid) > 80)
    for entry, text in ((title, "1. ยี่สิบห้าปีของอนุสัญญา"), (paragraph, "- การละเมิดสิทธิแรงงาน")):
        entry.msgstr, entry.flags = text, []
    po.save(str(catalog))
    structure = [f.msgid for f in check_catalog(catalog) if f.check == "rst-structure"]
    assert structure == [paragraph.msgid]
