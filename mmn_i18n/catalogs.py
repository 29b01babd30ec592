"""Read and write .po catalogs: polib to parse, GNU msgcat to lay them out.

polib's own writer wraps lines differently from the gettext tools (and from
Poedit, which follows them), so every catalog we write goes through msgcat:
the file on disk is then byte-identical to what msgmerge/msgcat would write,
and translators' diffs stay small whichever tool they use.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib

from .errors import CatalogError, MmnError
from .suppressions import has_legacy_flags, migrate_ignore_flags

POLIB_LINE = re.compile(r"\(line (\d+)\)")
GETTEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(?::\d+)?: (?P<problem>.*)$")


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MmnError(f"GNU gettext's `{name}` is not installed. Run scripts/setup.sh (or apt-get install gettext).")
    return path


def read_catalog(path: Path | str) -> polib.POFile:
    """Parse a .po/.pot file, turning parse failures into a file:line error."""
    path = Path(path)
    try:
        return polib.pofile(str(path), wrapwidth=79)
    except UnicodeDecodeError as error:
        raise CatalogError(path, None, f"not valid UTF-8 ({error.reason} at byte {error.start}).",
                           "Save the file as UTF-8.") from None
    except OSError as error:
        if not path.exists():
            raise CatalogError(path, None, "no such file.") from None
        match = POLIB_LINE.search(str(error))
        if match:
            raise CatalogError(path, int(match.group(1)), "syntax error.",
                               "Check the quoting of msgid/msgstr on that line (compare with `msgfmt --check`).") from None
        raise CatalogError(path, None, f"cannot read: {error.strerror or error}.") from None
    except ValueError as error:
        raise CatalogError(path, None, f"cannot parse: {error}.") from None


def run_gettext(args: list[str], path_hint: Path) -> subprocess.CompletedProcess:
    """Run a gettext tool; its first error line becomes a CatalogError."""
    result = subprocess.run([gettext_tool(args[0]), *args[1:]], capture_output=True, text=True)
    if result.returncode != 0:
        raise _gettext_error(result.stderr, path_hint)
    return result


def _gettext_error(stderr: str, path_hint: Path) -> CatalogError:
    for line in stderr.splitlines():
        line = re.sub(r"^\S*(msgmerge|msgcat|msgfmt|msgattrib): ", "", line)
        match = GETTEXT_LINE.match(line)
        if match:
            return CatalogError(match["path"], int(match["line"]), match["problem"].rstrip(".") + ".",
                                "Fix that entry, then run the command again.")
    first = stderr.strip().splitlines()[0] if stderr.strip() else "gettext tool failed"
    return CatalogError(path_hint, None, first)


def normalise(text: str, path_hint: Path) -> str:
    """Lay out catalog text exactly as GNU msgcat does (79 columns, display width).

    Old `#, ignore-<check>` flags, which msgcat would drop, become
    `# mmn-ignore:` translator comments first (mmn_i18n/suppressions.py).
    """
    text = migrate_legacy_flags(text)
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "in.po"
        source.write_text(text, encoding="utf-8")
        result = run_gettext(["msgcat", "--to-code=UTF-8", "--use-first", "-o", "-", str(source)], path_hint)
    return result.stdout


def migrate_legacy_flags(text: str) -> str:
    """text with `#, ignore-<check>` flags turned into `# mmn-ignore:` comments (unchanged without any)."""
    if not has_legacy_flags(text):
        return text
    catalog = polib.pofile(text, wrapwidth=79)
    return str(catalog) if migrate_ignore_flags(catalog) else text


def write_text_atomically(path: Path, text: str) -> bool:
    """Replace path with text in one rename; False when the bytes are unchanged."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would, or keep the mode the file had.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_catalog(catalog: polib.POFile, path: Path | str) -> bool:
    """Save a catalog atomically in gettext's layout; False when nothing changed."""
    path = Path(path)
    return write_text_atomically(path, normalise(str(catalog), path))


def catalog_files(folder: Path) -> list[Path]:
    """The .po files of one language folder (LC_MESSAGES), in a stable order."""
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


def document_of(po_path: Path, catalog_dir: Path) -> str:
    """The document name a catalog belongs to: its path below LC_MESSAGES."""
    return po_path.relative_to(catalog_dir).with_suffix("").as_posix()
