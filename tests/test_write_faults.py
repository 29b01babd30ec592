"""Real file-system faults while catalogs are written: a full disk, a read-only file system,
an immutable file, a folder the user may not write. Each time: exit 2, one line naming the
file, no traceback, no byte changed, no temporary file left behind."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import copy_project

CLI = [sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()"]
STATEMENT = "statement-migrants-day-2015"


def mmn(root: Path, *args: str, user: int | None = None) -> subprocess.CompletedProcess:
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([*prefix, *CLI, *args], cwd=root, capture_output=True, text=True, env=env)


def catalogs(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted((root / "locale").rglob("*.po"))}


def leftovers(root: Path) -> list[Path]:
    return list((root / "locale").rglob("*.tmp"))


def new_paragraph(root: Path) -> None:
    """An English change, templates extracted: update now has catalogs to write."""
    source = root / "source" / f"{STATEMENT}.rst"
    source.write_text(source.read_text(encoding="utf-8").replace("\n\n", "\n\nA paragraph the authors added.\n\n", 1),
                      encoding="utf-8")
    assert mmn(root, "extract").returncode == 0


def assert_refused(result: subprocess.CompletedProcess, before: dict[Path, bytes], root: Path, words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if words in line]
    assert len(lines) == 1 and ".po: " in lines[0], result.stderr
    named = Path(lines[0].removeprefix("Error: ").split(".po: ")[0] + ".po")
    assert (root / named if not named.is_absolute() else named) in before
    assert catalogs(root) == before, "the catalog that could not be written is unchanged"
    assert not leftovers(root), "the temporary file is removed"


@pytest.fixture
def disk(tmp_path):
    """A real, small tmpfs (root only): full and read-only faults without mocking."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_full_disk_then_read_only_file_system(disk):
    root = copy_project(disk / "project")
    new_paragraph(root)
    before = catalogs(root)
    with (disk / "filler").open("wb", buffering=0) as filler:  # fill the disk to the last block
        for size in (65536, 1):
            try:
                while True:
                    filler.write(b"\0" * size)
            except OSError:
                pass
    assert_refused(mmn(root, "update", "-l", "th"), before, root, "no space left on the device")
    (disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    assert_refused(mmn(root, "update", "-l", "th"), before, root, "the file system is read-only")


def test_immutable_catalog(tmp_path):
    root = copy_project(tmp_path / "project")
    new_paragraph(root)
    target = root / "locale" / "th" / "LC_MESSAGES" / f"{STATEMENT}.po"
    if subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        before = catalogs(root)
        result = mmn(root, "update", "-l", "th")
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"{STATEMENT}.po: permission denied (write)" in result.stderr
        assert target.read_bytes() == before[target]
        assert not leftovers(root)
        for path, old in before.items():  # catalogs written before it are whole new files
            assert subprocess.run(["msgfmt", "-o", "/dev/null", str(path)]).returncode == 0
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def test_folder_the_user_may_not_write(tmp_path):
    if os.getuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to run the command as another user")
    base = Path(tempfile.mkdtemp(prefix="mmn-eacces-"))
    try:
        base.chmod(0o755)
        root = copy_project(base / "project")
        new_paragraph(root)
        before = catalogs(root)
        # nobody may read the project (0644 files, 0755 folders) but write nothing
        assert_refused(mmn(root, "update", "-l", "th", user=65534), before, root, "permission denied (write)")
    finally:
        shutil.rmtree(base)
