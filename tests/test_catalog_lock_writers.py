"""Every command that writes a catalog holds its lock, so a workspace save during it is not lost.

The test holds the catalogs' locks as a workspace save does, starts `fix
zawgyi`, `review approve` and `glossary import` as real processes, and while
they wait saves an entry of each catalog (read strictly, changed, written
verified, all under the lock, as ProjectAPI.save does). Then it lets them go.
A command that read the catalog without the lock would have finished in the
meantime and its write would drop the save; with the lock it reads the
catalog after the save, and both changes land.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from conftest import copy_project
from mmn_i18n.gettext.catalog_lock import catalog_lock
from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.glossary.load import glossary_catalog
from mmn_i18n.gettext.review import is_reviewed
from mmn_i18n.interfaces.workspace.project_api import ProjectAPI
from mmn_i18n.project import load_project

ZAWGYI = "ေရႊ႕ေျပာင္းလုပ္သားမ်ားသည္ က်န္းမာေရး ေစာင့္ေရွာက္မႈ ရပိုင္ခြင့္ရိွသည္။"  # as in test_check_cli.py
WAIT_SECONDS = 8  # each command alone finishes in about 2 s on the 2-core machine


def command(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()",
                             "--project", str(root), *args], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def save_under_lock(path: Path, pick, text: str) -> str:
    """What a workspace save does under the lock: strict read, one entry changed, verified write. Its msgid."""
    catalog = read_catalog(path)
    entry = next(e for e in catalog if not e.obsolete and e.msgid and pick(e))
    entry.msgstr = text
    entry.flags = ["fuzzy"]
    write_catalog(catalog, path)
    return entry.msgid


def test_fix_review_and_glossary_import_wait_for_the_lock_and_keep_the_save(tmp_path):
    root = copy_project(tmp_path / "p")
    project = load_project(root)
    my_catalog = root / "locale" / "my" / "LC_MESSAGES" / "about.po"
    km_catalog = root / "locale" / "km" / "LC_MESSAGES" / "invitation-yangon-fair-2015.po"
    th_glossary = glossary_catalog(project.locale_dir, "th")

    # a Zawgyi translation for `fix zawgyi` to convert
    catalog = read_catalog(my_catalog)
    zawgyi_entry = next(e for e in catalog if not e.obsolete and e.msgid and "\n" not in e.msgid)
    zawgyi_entry.msgstr, zawgyi_entry.flags = ZAWGYI, []
    write_catalog(catalog, my_catalog)
    # a sheet with one new Thai definition for `glossary import`
    api = ProjectAPI(project)
    term = api.termbase().terms[0]
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "th:definition"])
        writer.writerow([term.id, "คนที่ย้ายถิ่นไปทำงานในประเทศอื่น"])
    definition_msgid = term.english("definition")
    reviewed_before = sum(is_reviewed(e) for e in read_catalog(km_catalog))

    locks = [my_catalog, km_catalog, th_glossary]
    with ExitStack() as held:
        for path in locks:
            held.enter_context(catalog_lock(root, path))
        running = [command(root, "fix", "zawgyi", str(my_catalog)),
                   command(root, "review", "approve", "-l", "km", "-d", "invitation-yangon-fair-2015", "--all",
                           "--by", "Nang"),
                   command(root, "glossary", "import", str(sheet))]
        time.sleep(WAIT_SECONDS)
        assert [process.poll() for process in running] == [None, None, None], [p.communicate() for p in running]
        saved = {
            my_catalog: save_under_lock(my_catalog, lambda e: e.msgid != zawgyi_entry.msgid, "ရွှေ့ပြောင်းလုပ်သား"),
            km_catalog: save_under_lock(km_catalog, lambda e: "\n" not in e.msgid, "ពលករចំណាកស្រុក"),
            th_glossary: save_under_lock(th_glossary, lambda e: e.msgid != definition_msgid, "แรงงานข้ามชาติ"),
        }
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (out, err)
    texts = {my_catalog: "ရွှေ့ပြောင်းလုပ်သား", km_catalog: "ពលករចំណាកស្រុក", th_glossary: "แรงงานข้ามชาติ"}
    for path, msgid in saved.items():
        assert next(e for e in read_catalog(path) if e.msgid == msgid).msgstr == texts[path], path  # the save
    converted = next(e for e in read_catalog(my_catalog) if e.msgid == zawgyi_entry.msgid)
    assert converted.msgstr != ZAWGYI and "fuzzy" in converted.flags  # fix's change
    assert sum(is_reviewed(e) for e in read_catalog(km_catalog)) > reviewed_before  # review's change
    assert next(e for e in read_catalog(th_glossary) if e.msgid == definition_msgid).msgstr == \
        "คนที่ย้ายถิ่นไปทำงานในประเทศอื่น"  # the import's change


def lock_files(root: Path) -> list[str]:
    folder = root / ".mmn-i18n" / "locks"
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def test_no_lock_file_is_left_after_a_command_done_or_refused(tmp_path):
    root = copy_project(tmp_path / "p")
    refused = command(root, "review", "approve", "-l", "km", "-d", "invitation-yangon-fair-2015",
                      "--msgid", "No such English anywhere", "--by", "Nang")
    out, err = refused.communicate(timeout=120)
    assert refused.returncode == 2 and "no entry with msgid" in err, (out, err)
    done = command(root, "review", "approve", "-l", "km", "-d", "invitation-yangon-fair-2015", "--all", "--by", "Nang")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, (out, err)
    assert (root / ".mmn-i18n" / "locks").is_dir()  # the commands did lock there
    assert lock_files(root) == []
    # a file an older version left behind is taken, honoured and removed like one of ours
    path = root / "locale" / "km" / "LC_MESSAGES" / "about.po"
    with catalog_lock(root, path):
        left = lock_files(root)
    (root / ".mmn-i18n" / "locks" / left[0]).write_bytes(b"")
    with catalog_lock(root, path):
        assert lock_files(root) == left
    assert lock_files(root) == []


COUNTER = """
import sys
from pathlib import Path
from mmn_i18n.gettext.catalog_lock import catalog_lock
root, counter = Path(sys.argv[1]), Path(sys.argv[2])
for _ in range(int(sys.argv[3])):
    with catalog_lock(root, counter):
        value = int(counter.read_text())
        counter.write_text(str(value + 1))
"""


def test_processes_deleting_their_lock_files_still_exclude_each_other(tmp_path):
    """Four processes each add one to a counter 150 times under one catalog's lock: no increment is lost.

    Each holder deletes the lock file as it lets go while others wait on it;
    without the re-check of the file after the flock, two would hold the
    lock at once (one on the deleted file, one on its successor) and lose counts.
    """
    root = copy_project(tmp_path / "p")
    counter = tmp_path / "counter"
    counter.write_text("0")
    runs = [subprocess.Popen([sys.executable, "-c", COUNTER, str(root), str(counter), "150"]) for _ in range(4)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    assert counter.read_text() == "600"
    assert lock_files(root) == []
