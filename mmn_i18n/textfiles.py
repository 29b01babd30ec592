"""Reading the project's own text files (sources, glossary sheets, pyproject.toml) strictly.

Each reader gives the text or one InputError naming the file, the line where
a line means something, and what to do. Invalid UTF-8 is named by line (a
byte offset means nothing in an editor); a dangling symbolic link by its own
name (the link is what the user sees in the folder, not its target); a loop
of links, a permission problem or a full disk by the path that failed.
Catalogs have their own strict reader (mmn_i18n.gettext.catalogs.read_catalog).
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import MmnError


class InputError(MmnError):
    """A project file or folder that cannot be read (or written): file, line, what to do."""


def filesystem_error(path: Path | str, error: OSError, doing: str = "read") -> InputError:
    """One line for an OSError on path: what went wrong there and what to do about it."""
    # The path the system names is the precise one (a file deep in a folder walk), except for
    # a rename, where it is our temporary file and the caller's path is what the user knows.
    path = str(error.filename if error.filename is not None and error.filename2 is None else path)
    code = error.errno
    if code == errno.ENOENT and os.path.islink(path):
        target = os.readlink(path)
        return InputError(f"{path}: a symbolic link to {target}, which does not exist. "
                          "Remove the link or restore what it points to.")
    if code == errno.ENOENT:
        return InputError(f"{path}: no such file or folder.")
    if code == errno.ELOOP:
        return InputError(f"{path}: a loop of symbolic links. Replace the link with the file or folder it should name.")
    if code == errno.EACCES and doing == "read":
        path = _first_closed_folder(Path(path)) or path  # a closed folder, not a file the user cannot see into
    if code in (errno.EACCES, errno.EPERM):
        hint = "chmod, or chattr -i for an immutable file" if doing == "write" else "chmod"
        return InputError(f"{path}: permission denied ({doing}). Give the user running mmn-i18n "
                          f"{doing} access ({hint}); nothing was changed.")
    if code == errno.ENOSPC:
        return InputError(f"{path}: no space left on the device; nothing was changed. Free some space and run again.")
    if code == errno.EDQUOT:
        return InputError(f"{path}: over your disk quota; nothing was changed. Free some space and run again.")
    if code == errno.EFBIG:
        return InputError(f"{path}: over the file-size limit of this process (ulimit -f); nothing was changed.")
    if code == errno.EROFS:
        return InputError(f"{path}: the file system is read-only; nothing was changed.")
    if code == errno.EISDIR:
        return InputError(f"{path}: is a folder, not a file.")
    return InputError(f"{path}: cannot {doing}: {error.strerror or error}.")


def _first_closed_folder(path: Path) -> str | None:
    """The outermost folder above path that cannot be entered (None when they all can)."""
    for folder in reversed(path.parents):
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
            return str(folder)
    return None


def utf8_line(data: bytes, offset: int) -> int:
    """The 1-based line holding byte offset."""
    return data.count(b"\n", 0, offset) + 1


def read_text(path: Path, save_as: str = "UTF-8", bom: bool = False) -> str:
    """A text file's content, UTF-8 (with bom=True a leading byte-order mark is dropped)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise filesystem_error(path, error) from None
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as error:
        line = utf8_line(data, error.start)
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x}). "
                         f"Save the file as {save_as}.") from None


def require_writable(paths: Iterable[Path]) -> None:
    """Refuse before the first write when a file, or the folder it is replaced in, cannot be written.

    A command that replaces many files (update) would otherwise stop halfway,
    some rewritten and some not. os.access sees an immutable file (chattr +i)
    as unwritable even for root.
    """
    for path in paths:
        for target in (path, path.parent):
            if target.exists() and not os.access(target, os.W_OK):
                raise filesystem_error(target, _why_not_writable(target), "write")


def _why_not_writable(target: Path) -> OSError:
    """The fault a write to target would meet: a read-only file system, else a permission."""
    if os.statvfs(target).f_flag & os.ST_RDONLY:
        return OSError(errno.EROFS, "Read-only file system")
    return PermissionError(errno.EPERM, "Operation not permitted")


def write_bytes_atomically(path: Path | str, data: bytes, verify: Callable[[Path], None] | None = None) -> bool:
    """Replace path with data in one rename; False (nothing written) when the bytes are unchanged.

    The one way mmn-i18n writes a file: a temporary file in the same folder
    (a rename across file systems would not be atomic), flushed to disk,
    then renamed over the old one, so a reader or a kill sees the old file
    or the new one, never half of one. verify(temporary) runs on the complete
    temporary file before the rename; an exception there leaves the old file
    as it was. A file system fault (full disk, no permission, read-only,
    immutable file) becomes one InputError naming the file; the temporary
    file is removed whatever happens.
    """
    path = Path(path)
    temporary = None
    try:
        if path.exists() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would, or keep the mode the file had.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if verify is not None:
            verify(Path(temporary))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        # named by the file the user asked for, not our temporary file beside it
        raise filesystem_error(path, OSError(error.errno, error.strerror), "write") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return True


def write_text_atomically(path: Path | str, text: str, verify: Callable[[Path], None] | None = None) -> bool:
    """write_bytes_atomically for text, as UTF-8."""
    return write_bytes_atomically(path, text.encode("utf-8"), verify)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
