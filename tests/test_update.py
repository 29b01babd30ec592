"""extract + update: gettext-compatible catalogs that never lose a translation."""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import polib

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.suppressions import ignored_checks

STATEMENT = "statement-migrants-day-2015"


def snapshot(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((root / "locale").rglob("*.po"))}


def po_path(root: Path, lang: str, doc: str = STATEMENT) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / f"{doc}.po"


def test_bundled_catalogs_pass_msgfmt_check_and_have_right_headers(project_dir):
    for lang in ["my", "km", "lo", "th", "vi", "zh_CN", "shn"]:
        for path in sorted((project_dir / "locale" / lang / "LC_MESSAGES").glob("*.po")):
            subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
            catalog = polib.pofile(str(path))
            assert catalog.metadata["Language"] == lang
            assert "charset=UTF-8" in catalog.metadata["Content-Type"]
            assert catalog.metadata["Plural-Forms"].startswith("nplurals=")


def test_bundled_catalogs_are_laid_out_as_msgcat_writes_them(project_dir):
    """What GNU msgcat would write is byte-identical, so Poedit/msgmerge users see no diff
    (check suppressions are translator comments, which msgcat keeps)."""
    paths = sorted((project_dir / "locale").rglob("*.po"))
    assert len(paths) >= 7 * 8
    for path in paths:
        text = path.read_text(encoding="utf-8")
        normalised = subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, check=True, text=True).stdout
        assert normalised == text, f"{path} differs from msgcat's layout"
    assert any("# mmn-ignore: " in path.read_text(encoding="utf-8") for path in paths)
    assert not any("#, ignore-" in path.read_text(encoding="utf-8") for path in paths)


def test_powrap_check_passes_on_the_bundled_tree(project_dir):
    import shutil
    import sys

    powrap = Path(sys.executable).parent / "powrap"
    paths = [str(path) for path in sorted((project_dir / "locale").rglob("*.po"))]
    result = subprocess.run([str(powrap) if powrap.exists() else shutil.which("powrap"), "--check", "--quiet", *paths],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_update_on_the_bundled_tree_changes_no_byte(run, project_dir):
    """The shipped catalogs are exactly what extract + update write, in every language."""
    bundled = snapshot(project_dir)
    assert run(["extract"]).exit_code == 0
    assert run(["update"]).exit_code == 0
    before = snapshot(project_dir)
    assert before == bundled, [name for name in bundled if before.get(name) != bundled[name]]
    result = run(["update"])
    assert result.exit_code == 0
    assert snapshot(project_dir) == before
    assert "0 created, 0 updated" in result.output


def edit_source(root: Path, old: str, new: str, doc: str = STATEMENT) -> None:
    path = root / "source" / f"{doc}.rst"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translate_first(root: Path, lang: str, translation: str, comment: str = "") -> polib.POEntry:
    path = po_path(root, lang)
    catalog = read_catalog(path)
    entry = next(e for e in catalog if not e.obsolete and len(e.msgid.split()) > 12)
    entry.msgstr = translation
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.tcomment = comment
    write_catalog(catalog, path)
    return entry


def test_changed_english_keeps_translation_as_fuzzy_with_previous_msgid(run, project_dir):
    entry = translate_first(project_dir, "th", "ข้อความที่แปลไว้แล้วสำหรับย่อหน้านี้", "checked by Noi")
    words = entry.msgid.split()
    reworded = " ".join(words[:-2] + ["very", words[-1]])
    edit_source(project_dir, words[-2] + " " + words[-1], "very " + words[-1])
    assert run(["extract"]).exit_code == 0
    assert run(["update", "-l", "th"]).exit_code == 0
    catalog = read_catalog(po_path(project_dir, "th"))
    merged = next(e for e in catalog if e.msgstr == "ข้อความที่แปลไว้แล้วสำหรับย่อหน้านี้")
    assert "fuzzy" in merged.flags
    assert merged.previous_msgid == entry.msgid
    assert merged.msgid != entry.msgid and merged.msgid.split()[-2:] == reworded.split()[-2:]
    assert merged.tcomment == "checked by Noi"


def test_removed_english_keeps_translation_as_obsolete(run, project_dir):
    entry = translate_first(project_dir, "lo", "ຂໍ້ຄວາມທີ່ແປແລ້ວ")
    source = project_dir / "source" / f"{STATEMENT}.rst"
    text = source.read_text(encoding="utf-8")
    first_words = " ".join(entry.msgid.split()[:4])
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if first_words not in " ".join(p.split())]
    assert len(kept) == len(paragraphs) - 1
    source.write_text("\n\n".join(kept), encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    assert run(["update", "-l", "lo"]).exit_code == 0
    catalog = read_catalog(po_path(project_dir, "lo"))
    assert [e.msgstr for e in catalog.obsolete_entries()] .count("ຂໍ້ຄວາມທີ່ແປແລ້ວ") == 1


def test_renamed_document_keeps_its_translations_active(run, project_dir):
    old = po_path(project_dir, "vi")
    catalog = read_catalog(old)
    for number, entry in enumerate(catalog.untranslated_entries()[:3]):
        entry.msgstr = f"Bản dịch thứ {number + 1} của đoạn này"
    write_catalog(catalog, old)
    translated = {e.msgid: e.msgstr for e in read_catalog(old).translated_entries()}
    (project_dir / "source" / f"{STATEMENT}.rst").rename(project_dir / "source" / "statement-2015.rst")
    index = project_dir / "source" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(STATEMENT, "statement-2015"), encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    assert run(["update", "-l", "vi"]).exit_code == 0
    renamed = {e.msgid: e.msgstr for e in read_catalog(po_path(project_dir, "vi", "statement-2015")).translated_entries()}
    assert renamed == translated
    assert all(e.obsolete for e in read_catalog(old)), "the old catalog is kept, as obsolete entries"


def test_syntax_error_is_one_line_with_file_and_line_and_nothing_changes(run, project_dir):
    broken = po_path(project_dir, "km")
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[20] = 'msgstr "unterminated\n'
    broken.write_text("".join(lines), encoding="utf-8")
    before = snapshot(project_dir)
    result = run(["update"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert f"locale/km/LC_MESSAGES/{STATEMENT}.po:" in result.output
    assert snapshot(project_dir) == before


def test_catalog_that_cannot_be_read_is_named(run, project_dir):
    (project_dir / "locale" / "th" / "LC_MESSAGES" / "broken.po").write_bytes(b'msgid ""\nmsgstr "\xff\xfe"\n')
    before = snapshot(project_dir)
    result = run(["update", "-l", "th"])
    assert result.exit_code == 2
    assert "broken.po" in result.output and "UTF-8" in result.output
    assert snapshot(project_dir) == before


def test_missing_source_directory_is_a_clear_error(run, project_dir):
    import shutil
    shutil.rmtree(project_dir / "source")
    result = run(["extract"])
    assert result.exit_code == 2
    assert "source directory not found" in result.output
    assert "Traceback" not in result.output


def test_broken_rest_role_stops_extract_naming_file_and_line(run, project_dir):
    edit_source(project_dir, "\n\n", "\n\nSee :rolle:`nothing` here.\n\n")
    pots_before = {p: p.read_bytes() for p in (project_dir / "locale" / "pot").glob("*.pot")}
    result = run(["extract"])
    assert result.exit_code == 2
    assert f"source/{STATEMENT}.rst:" in result.output and 'Unknown interpreted text role "rolle"' in result.output
    assert {p: p.read_bytes() for p in (project_dir / "locale" / "pot").glob("*.pot")} == pots_before


def test_interrupted_update_leaves_every_catalog_old_or_new(project_dir, tmp_path):
    """Kill `update -l th` at random moments: each catalog is the old file or the new one.

    The old catalogs are laid out without wrapping (msgcat --no-wrap), so that
    update rewrites most of them. Half the kills come after a random delay;
    the others as soon as the k-th temporary file (k random) appears, i.e.
    during a write. A temporary file still there after the kill proves that
    the kill landed between the start of a write and its rename: the test
    asks for at least two such kills.
    """
    import os
    import random
    import shutil
    import signal
    import sys
    import time
    cli = [sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()", "update", "-l", "th"]
    folders = [project_dir / "locale" / "th" / "LC_MESSAGES", project_dir / "locale" / "th" / "LC_MESSAGES" / "vocabulary"]
    for path in (project_dir / "locale").rglob("*.po"):
        subprocess.run(["msgcat", "--no-wrap", "-o", str(path), str(path)], check=True)
    finished = tmp_path / "finished"
    shutil.copytree(project_dir, finished)
    started = time.monotonic()
    subprocess.run(cli, check=True, capture_output=True, cwd=finished)
    duration = time.monotonic() - started
    old = {p.relative_to(project_dir): p.read_bytes() for p in (project_dir / "locale").rglob("*.po")}
    new = {p.relative_to(finished): p.read_bytes() for p in (finished / "locale").rglob("*.po")}
    assert set(new) == set(old)
    assert sum(new[name] != old[name] for name in old) >= 10, "update rewrites most Thai catalogs"

    def temporary_files() -> list[str]:
        return [entry.name for folder in folders for entry in os.scandir(folder)
                if entry.name.startswith(".") and entry.name.endswith(".tmp")]

    rng = random.Random(2015)
    kills = mid_write = 0
    while kills < 60 and (mid_write < 2 or kills < 6):  # a fast machine leaves short windows: try longer
        for name, data in old.items():  # every attempt starts from the old catalogs
            (project_dir / name).write_bytes(data)
        for leftover in (project_dir / "locale").rglob("*.tmp"):
            leftover.unlink()
        process = subprocess.Popen(cli, cwd=project_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if kills % 2:
            time.sleep(rng.uniform(0.2, duration))
        else:  # at the k-th temporary file seen
            wanted, seen = rng.randint(1, 8), set()
            while process.poll() is None and len(seen) < wanted:
                seen.update(temporary_files())
                time.sleep(0.0002)  # a write lasts a few milliseconds (verified read-back included)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        for path in (project_dir / "locale").rglob("*.po"):
            name = path.relative_to(project_dir)
            assert path.read_bytes() in (old[name], new[name]), f"{name} is half-written"
        if process.returncode == -signal.SIGKILL and temporary_files():
            mid_write += 1
    assert mid_write >= 2, f"only {mid_write} of {kills} kills landed during a write"
    subprocess.run(cli, check=True, capture_output=True, cwd=project_dir)
    assert not list((project_dir / "locale").rglob("*.tmp")), "update clears temporary files of a killed run"
    assert {p.relative_to(project_dir): p.read_bytes() for p in (project_dir / "locale").rglob("*.po")} == new


def test_check_suppressions_survive_update_and_rewording(run, project_dir):
    """Suppressions are `# mmn-ignore:` comments, which msgmerge keeps; the old
    `#, ignore-<check>` flags (which gettext's tools drop) are still read and
    become comments the next time we write the catalog."""
    path = po_path(project_dir, "zh_CN")
    catalog = read_catalog(path)
    kept, reworded = [e for e in catalog.translated_entries() if len(e.msgid.split()) > 12][:2]
    kept.flags.append("ignore-terminology")
    reworded.tcomment = "mmn-ignore: numbers"
    path.write_text(str(catalog), encoding="utf-8")  # as an older version (or a hand edit) left it
    assert "#, ignore-terminology\n" in path.read_text(encoding="utf-8")
    write_catalog(read_catalog(path), path)
    text = path.read_text(encoding="utf-8")
    assert "#, ignore-terminology" not in text and "# mmn-ignore: terminology\n" in text
    words = reworded.msgid.split()
    edit_source(project_dir, words[-2] + " " + words[-1], "very " + words[-1])
    assert run(["extract"]).exit_code == 0
    assert run(["update", "-l", "zh_CN"]).exit_code == 0
    merged = {entry.msgstr: entry for entry in read_catalog(path)}
    assert ignored_checks(merged[kept.msgstr]) == {"terminology"}
    assert ignored_checks(merged[reworded.msgstr]) == {"numbers"}
    assert merged[reworded.msgstr].flags == ["fuzzy"]
    before = path.read_bytes()
    assert run(["update", "-l", "zh_CN"]).exit_code == 0
    assert path.read_bytes() == before


def test_update_migrates_old_ignore_flags_before_msgmerge_drops_them(run, project_dir):
    path = po_path(project_dir, "th")
    catalog = read_catalog(path)
    entry = next(e for e in catalog.translated_entries() if len(e.msgid.split()) > 6)
    entry.flags.append("ignore-numbers")
    path.write_text(str(catalog), encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    assert run(["update", "-l", "th"]).exit_code == 0
    merged = {e.msgid: e for e in read_catalog(path)}
    assert ignored_checks(merged[entry.msgid]) == {"numbers"}
    assert "# mmn-ignore: numbers\n" in path.read_text(encoding="utf-8")
