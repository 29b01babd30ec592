"""`update` says what happened: per catalog the translations that went fuzzy or obsolete,
and the documents a language will no longer publish."""
from __future__ import annotations

from pathlib import Path

from mmn_i18n.gettext.catalogs import read_catalog

STATEMENT = "statement-migrants-day-2015"


def test_update_reports_fuzzy_obsolete_and_unpublished(run, project_dir):
    """Vietnamese: its statement is published (translated, checked and reviewed) before the change."""
    status = run(["status", "--lang", "vi", "--format", "json"])
    assert STATEMENT in status.stdout
    po = project_dir / "locale" / "vi" / "LC_MESSAGES" / f"{STATEMENT}.po"
    entries = [e for e in read_catalog(po).translated_entries() if len(e.msgid.split()) > 12]
    changed, removed = entries[0].msgid, entries[1].msgid
    source = project_dir / "source" / f"{STATEMENT}.rst"
    text = source.read_text(encoding="utf-8")
    words = changed.split()
    text = text.replace(" ".join(words[-2:]), " ".join([words[-2], "very", words[-1]]), 1)
    first_line = removed.split("\n")[0][:60]
    assert first_line in text
    lines = text.split("\n\n")
    text = "\n\n".join(block for block in lines if first_line not in block)
    source.write_text(text, encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    result = run(["update", "-l", "vi"])
    assert result.exit_code == 0, result.output
    assert f"updated locale/vi/LC_MESSAGES/{STATEMENT}.po: 1 went fuzzy (English changed), " \
           f"1 went obsolete (English gone)" in result.output
    assert f"vi: {STATEMENT} will no longer be published in this language" in result.output
    # the README shows this very output
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for line in result.output.splitlines():
        if "went fuzzy" in line or "no longer be published" in line:
            assert line in readme, line
    again = run(["update", "-l", "vi"])
    assert "went fuzzy" not in again.output and "no longer be published" not in again.output
