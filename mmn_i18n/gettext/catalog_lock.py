"""One writer per catalog at a time, across threads and processes.

The workspace server saves single entries while `mmn-i18n update` may be
rewriting the same catalog: each read-change-write of a catalog holds this
lock, so neither overwrites the other's work. Within one process a
threading.Lock per catalog orders the threads; across processes an advisory
fcntl.flock on a lock file in the project's git-ignored `.mmn-i18n/locks/`
folder orders the programs. The lock file is separate from the catalog because
every write replaces the catalog's inode (atomic rename), and a lock on the old
inode would not exclude a process that opened the new one.

No lock file outlives its lock: the holder deletes it before letting go, and
only then, while it still holds the flock. A process that opened the file
meanwhile and was waiting for it then holds a lock on a file no longer in
the folder, so every locker, once it has the flock, checks that the file at
the path is still the one it locked (same device and inode) and otherwise
opens the path again: two processes never both hold the lock of one catalog.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

STATE_FOLDER = ".mmn-i18n"  # git-ignored: the workspace's database and these locks
_THREAD_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def _lock_file(root: Path, catalog: Path) -> Path:
    key = hashlib.sha256(str(catalog.resolve()).encode("utf-8")).hexdigest()[:24]
    return root / STATE_FOLDER / "locks" / f"{key}.lock"


@contextmanager
def catalog_lock(root: Path | str, catalog: Path | str) -> Iterator[None]:
    """Hold the write lock of one catalog of the project at root."""
    catalog = Path(catalog)
    path = _lock_file(Path(root), catalog)
    with _GUARD:
        thread_lock = _THREAD_LOCKS.setdefault(str(path), threading.Lock())
    with thread_lock:
        handle = _locked_file(path)
        if handle is None:
            # No lock file where nothing may be written (a read-only disk, a folder that is not
            # ours): no other program can write the catalog there either, and the write that
            # follows reports the fault itself, naming the catalog, with nothing changed.
            yield
            return
        with handle:  # closing the file releases the flock, even if unlinking failed
            try:
                yield
            finally:
                try:
                    os.unlink(path)  # still ours: nobody else unlinks a lock file it does not hold
                except OSError:
                    pass  # a folder we may not write: the file stays, harmless
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _locked_file(path: Path):
    """The lock file at path, opened (created if need be) and flock-ed; None if it cannot be created."""
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a+b")
        except OSError:
            return None
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            on_disk = os.stat(path)
        except FileNotFoundError:
            on_disk = None
        held = os.fstat(handle.fileno())
        if on_disk is not None and (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino):
            return handle
        handle.close()  # its holder deleted it while we waited: lock the file at the path now


@contextmanager
def catalogs_lock(catalogs: list[Path]) -> Iterator[None]:
    """Hold the write locks of catalogs named by path alone (`fix`, `glossary import`), in one order.

    The lock files live in the project above the catalogs, the folder whose
    pyproject.toml has the [tool.mmn-i18n] table, as for `update` and the
    workspace server. A catalog outside any project has no server writing it:
    no lock. Always taken in sorted order, so two commands never wait for each other.
    """
    from contextlib import ExitStack

    from ..project import ProjectNotFound, find_root

    with ExitStack() as stack:
        for catalog in sorted({Path(path).resolve() for path in catalogs}):
            try:
                root = find_root(catalog.parent)
            except ProjectNotFound:
                continue
            stack.enter_context(catalog_lock(root, catalog))
        yield
