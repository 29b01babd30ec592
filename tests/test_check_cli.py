"""`mmn-i18n check`, `fix zawgyi` and `build --strict` as a user runs them."""
from __future__ import annotations

import json
import re
import subprocess

import polib
from click.testing import CliRunner

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.checks import CHECKS
from mmn_i18n.interfaces.cli import cli
from checks_helpers import write_po

ZAWGYI = "ေရႊ႕ေျပာင္းလုပ္သားမ်ားသည္ က်န္းမာေရး ေစာင့္ေရွာက္မႈ ရပိုင္ခြင့္ရိွသည္။"
UNICODE = "ရွှေ့ပြောင်းလုပ်သားများသည် ကျန်းမာရေး စောင့်ရှောက်မှု ရပိုင်ခွင့်ရှိသည်။"
LINE = re.compile(r"^(?P<path>[^:]+\.po):(?P<line>\d+): (?P<severity>error|warning) \[(?P<check>[\w-]+)\] .+$")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), obj={})


def test_list_prints_every_check():
    result = invoke("check", "--list")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines()]
    assert listed == list(CHECKS)


def test_text_output_and_exit_codes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = write_po(tmp_path, "vi", [{"msgid": "138 participants", "msgstr": "183 người tham dự"}])
    only_warning = write_po(tmp_path, "vi", [{"msgid": "Date:", "msgstr": "Ngày: "}], name="warn")
    result = invoke("check", str(bad))
    assert result.exit_code == 1
    match = LINE.match(result.stdout.strip())
    assert match, result.stdout
    assert match["path"] == "vi/LC_MESSAGES/test.po" and match["check"] == "numbers"
    assert bad.read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1] == 'msgid "138 participants"'
    assert "1 error(s)" in result.stderr
    result = invoke("check", str(only_warning))
    assert result.exit_code == 0 and "[whitespace]" in result.stdout


def test_json_output(tmp_path):
    path = write_po(tmp_path, "th", [{"msgid": "138 participants", "msgstr": "ผู้เข้าร่วม ๑๘๓ คน"}])
    result = invoke("check", "--format", "json", str(path))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(f["check"], f["severity"], f["language"], f["msgid"]) for f in findings] == [
        ("numbers", "error", "th", "138 participants")]
    assert set(findings[0]) == {"path", "line", "language", "msgid", "check", "severity", "message"}


def test_locale_dir_and_lang_filter(tmp_path):
    write_po(tmp_path, "lo", [{"msgid": "Migrants have the right to health care.",
                               "msgstr": "แรงงานข้ามชาติมีสิทธิได้รับการดูแลสุขภาพ"}])
    write_po(tmp_path, "th", [{"msgid": "Migrants have the right to health care.",
                               "msgstr": "แรงงานข้ามชาติมีสิทธิได้รับการดูแลสุขภาพ"}])
    assert invoke("check", "--locale-dir", str(tmp_path), "--lang", "th").exit_code == 0
    result = invoke("check", "--locale-dir", str(tmp_path))
    assert result.exit_code == 1 and "[script]" in result.stdout and "lo/LC_MESSAGES" in result.stdout


def test_could_not_run_is_exit_2_without_traceback(tmp_path):
    broken = tmp_path / "th" / "LC_MESSAGES" / "broken.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b"\nthis is not a catalog line\n', encoding="utf-8")
    result = invoke("check", str(broken))
    assert result.exit_code == 2
    assert "broken.po:" in result.output and "Traceback" not in result.output
    assert invoke("check", "--lang", "xx", str(broken)).exit_code == 2
    assert invoke("check", "-c", "no-such-check", str(broken)).exit_code == 2


def _translate_first_entry(path, text):
    catalog = read_catalog(path)
    entry = next(entry for entry in catalog if entry.msgid and not entry.obsolete)
    entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    write_catalog(catalog, path)
    return entry.msgid


def test_fix_zawgyi_converts_and_flags_for_review(project_dir, run):
    catalog = project_dir / "locale" / "my" / "LC_MESSAGES" / "about.po"
    msgid = _translate_first_entry(catalog, ZAWGYI)
    result = run(["check", "--lang", "my", "--format", "json"])
    zawgyi = [f for f in json.loads(result.stdout) if f["check"] == "zawgyi"]
    assert result.exit_code == 1 and [f["msgid"] for f in zawgyi] == [msgid]

    result = run(["fix", "zawgyi"])
    assert result.exit_code == 0, result.output
    assert "converted to Unicode" in result.stdout
    entry = polib.pofile(str(catalog)).find(msgid)
    assert entry.msgstr == UNICODE
    assert "fuzzy" in entry.flags and ZAWGYI in entry.tcomment  # the original is kept
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)], check=True)
    after = json.loads(run(["check", "--lang", "my", "--format", "json"]).stdout)
    assert not [f for f in after if f["check"] == "zawgyi"]


def test_build_strict_refuses_language_with_errors(project_dir, run):
    catalog = project_dir / "locale" / "th" / "LC_MESSAGES" / "about.po"
    _translate_first_entry(catalog, "แรงงาน\u202eข้ามชาติ")
    result = run(["build", "--strict", "--lang", "th"])
    assert result.exit_code == 1
    assert "refusing th" in result.stderr and "[control-char]" in result.stderr
    assert "th" in result.stderr.splitlines()[-1]
    assert not (project_dir / "_build" / "html" / "th").exists()


def test_project_vocabulary_feeds_terms_to_avoid(project_dir, run):
    import csv

    with open(project_dir / "glossary" / "avoid" / "th.csv", encoding="utf-8") as rows:
        first = next(csv.DictReader(rows))
    catalog = project_dir / "locale" / "th" / "LC_MESSAGES" / "about.po"
    msgid = _translate_first_entry(catalog, f"{first['avoid']}และครอบครัว")
    findings = json.loads(run(["check", "--lang", "th", "--format", "json", str(catalog)]).stdout)
    avoid = [f for f in findings if f["check"] == "terms-to-avoid"]
    assert [f["msgid"] for f in avoid] == [msgid]
    assert first["preferred"] in avoid[0]["message"] and avoid[0]["severity"] == "error"


def test_fix_dry_run_writes_nothing_and_short_texts_are_left(tmp_path):
    path = write_po(tmp_path, "my", [{"msgid": "Migrants have rights.", "msgstr": ZAWGYI},
                                     {"msgid": "five", "msgstr": "ငါး"}])
    before = path.read_bytes()
    result = invoke("fix", "zawgyi", "--dry-run", str(path))
    assert result.exit_code == 0
    assert path.read_bytes() == before
    assert "converted to Unicode" in result.stdout and "left as is: short text" in result.stdout
    assert "would convert 1 translation(s)" in result.stderr


def test_list_as_json_carries_the_docstrings():
    listed = json.loads(invoke("check", "--list", "--format", "json").stdout)
    assert {item["id"] for item in listed} == set(CHECKS)
    assert all(item["description"] and item["severity"] in ("error", "warning") for item in listed)


def _stderr_on_a_terminal(args: list[str], cwd) -> tuple[bytes, bytes]:
    """Run the real command with stderr on a pseudo-terminal; (stdout, terminal output)."""
    import os
    import pty
    import sys
    from pathlib import Path

    master, slave = pty.openpty()
    process = subprocess.Popen([str(Path(sys.executable).parent / "mmn-i18n"), *args], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.stdout.read()
    process.wait()
    os.close(master)
    return stdout, seen


def test_progress_on_a_terminal_only(project_dir):
    stdout, terminal = _stderr_on_a_terminal(["check", "-l", "th"], project_dir)
    assert b"checking catalogs 13/13\r\x1b[K" in terminal and b"checking" not in stdout
    import sys
    from pathlib import Path

    piped = subprocess.run([str(Path(sys.executable).parent / "mmn-i18n"), "check", "-l", "th"], cwd=project_dir,
                           capture_output=True)
    assert piped.returncode == 0 and b"checking catalogs" not in piped.stderr
