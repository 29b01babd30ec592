"""Read and write .po catalogs: one strict reader, GNU msgcat to lay them out, verified writes.

read_catalog refuses what msgfmt refuses (mmn_i18n.gettext.coverage holds the one
definition of a valid catalog) and returns polib objects. polib's own writer
wraps lines differently from the gettext tools (and from Poedit, which follows
them), so every catalog we write goes through msgcat: the file on disk is then
byte-identical to what msgmerge/msgcat would write, and translators' diffs stay
small whichever tool they use. Every write is read back strictly and compared
with what was meant before it replaces the old file.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

import polib

from .catalog_objects import build_catalog
from .catalog_paths import catalog_files, document_of  # noqa: F401  (their home; kept importable from here)
from ..errors import CatalogError, MmnError
from .suppressions import has_legacy_flags, migrate_ignore_flags
from ..subprocesses import GETTEXT_SECONDS, run
from ..textfiles import write_text_atomically

POLIB_LINE = re.compile(r"\(line (\d+)\)")
GETTEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(?::\d+)?: (?P<problem>.*)$")


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MmnError(f"GNU gettext's `{name}` is not installed. Run scripts/setup.sh (or apt-get install gettext).")
    return path


def read_catalog(path: Path | str) -> polib.POFile:
    """Read a .po/.pot file strictly: the one reader every command uses.

    The bytes must be a catalog GNU msgfmt accepts (the checks live in
    mmn_i18n.gettext.coverage, which counts with the same definition), else a
    CatalogError names the file, the line and what to do. Only then are the
    polib objects built (mmn_i18n.gettext.catalog_objects for msgcat's layout, else
    polib's parser), so no translation is read short or garbled.
    """
    from .coverage import ScanError, decode  # coverage imports this module

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(path, None, f"cannot read it ({error.strerror or error}).",
                           "Check that the file exists and that you may read it.") from None
    try:
        text = decode(data)
    except ScanError as error:
        raise CatalogError(path, error.line, error.problem, error.fix) from None
    return parse_catalog_text(text, path, data)


def parse_catalog_text(text: str, path: Path | str, data: bytes | None = None) -> polib.POFile:
    """A catalog from its text, checked as read_catalog checks a file; path names it in errors."""
    from .coverage import ScanError, count_text

    try:
        count_text(text, data)
    except ScanError as error:
        raise CatalogError(path, error.line, error.problem, error.fix) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    catalog = build_catalog(text)  # msgcat's layout: the same objects, faster than polib's parser
    if catalog is not None:
        catalog.fpath = str(path)
        return catalog
    try:
        catalog = polib.pofile(text, wrapwidth=79)
    except (OSError, ValueError) as error:  # a layout msgfmt takes and polib does not
        match = POLIB_LINE.search(str(error))
        raise CatalogError(path, int(match.group(1)) if match else None, "a layout mmn-i18n cannot read.",
                           "Let `msgcat -o FILE FILE` rewrite the file in gettext's own layout.") from None
    catalog.fpath = str(path)
    return catalog


def run_gettext(args: list[str], path_hint: Path) -> subprocess.CompletedProcess:
    """Run a gettext tool; its first error line becomes a CatalogError."""
    result = run([gettext_tool(args[0]), *args[1:]], GETTEXT_SECONDS, f"{args[0]} on {path_hint}")
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
    `# mmn-ignore:` translator comments first (mmn_i18n/gettext/suppressions.py).
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
    catalog = parse_catalog_text(text, "<catalog being written>")
    return catalog_text(catalog) if migrate_ignore_flags(catalog) else text


def entries_of(catalog: polib.POFile) -> list[tuple]:
    """Everything a write must keep, entry by entry: texts, plurals, flags, translator comments.

    In a stable order rather than the file's: msgcat moves obsolete entries
    to the end. A fuzzy flag on an entry with no translation is left out, as
    msgcat drops it (it means nothing to gettext), and so are obsolete
    entries without a translation, which msgcat drops too.
    """
    return sorted((entry.obsolete, entry.msgctxt or "", entry.msgid, entry.msgid_plural, entry.msgstr,
                   sorted(entry.msgstr_plural.items()),
                   sorted(flag for flag in entry.flags if flag != "fuzzy" or _has_text(entry)),
                   entry.tcomment, entry.previous_msgctxt or "", entry.previous_msgid or "") for entry in catalog
                  if not entry.obsolete or _has_text(entry))


def _has_text(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def write_catalog_text(path: Path | str, text: str, meant: polib.POFile | None = None,
                       last_check: Callable[[], None] | None = None) -> bool:
    """Write catalog text atomically, verified: False when nothing changed.

    The temporary file is read back with the strict reader and its entries
    compared with meant (by default, the text itself read strictly) before it
    replaces the old file; any difference raises CatalogError, the old file
    intact. So no command writes a catalog that was not read strictly.
    last_check() runs just before the rename (the workspace checks there that
    no program ignoring the lock, such as git, replaced the file meanwhile);
    an exception there leaves the old file as it is.
    """
    path = Path(path)
    if meant is None:
        meant = parse_catalog_text(text, path)
    wanted = entries_of(meant)

    def verify(temporary: Path) -> None:
        try:
            written = read_catalog(temporary)
        except CatalogError as error:
            raise CatalogError(path, None, f"the new text would not be a valid catalog ({error.problem.rstrip('.')}); "
                               "the file was left as it was.", "Please report this as a bug.") from None
        found = entries_of(written)
        if found != wanted:
            differing = [m for w, m in zip(found, wanted) if w != m] or (wanted + found)[min(len(found), len(wanted)):]
            first = differing[0][2]
            raise CatalogError(path, None, f"the new text read back differs from what was meant (first at msgid "
                               f"{first[:40]!r}); the file was left as it was.", "Please report this as a bug.")
        if last_check is not None:
            last_check()

    return write_text_atomically(path, text, verify)


def write_catalog(catalog: polib.POFile, path: Path | str, last_check: Callable[[], None] | None = None) -> bool:
    """Save a catalog atomically in gettext's layout, verified; False when nothing changed (last_check: as above)."""
    path = Path(path)
    # the text goes to msgcat as UTF-8, so the header must say so (a catalog read
    # from ISO-8859-1 would otherwise be converted a second time, into mojibake)
    content_type = catalog.metadata.get("Content-Type", "")
    if "charset=" in content_type and not re.search(r"charset=utf-?8\b", content_type, re.IGNORECASE):
        catalog.metadata["Content-Type"] = re.sub(r"charset=\S+", "charset=UTF-8", content_type)
    migrate_ignore_flags(catalog)  # old flags msgcat would drop become comments, in what is verified too
    return write_catalog_text(path, normalise(catalog_text(catalog), path), meant=catalog, last_check=last_check)


def catalog_text(catalog: polib.POFile) -> str:
    """polib's text of a catalog, for msgcat to lay out: nothing wrapped.

    polib wraps long comments at spaces, which changes a translator comment
    (a review record, a note for a reviewer) for good; msgcat keeps comments
    whole and wraps the strings itself.
    """
    width, catalog.wrapwidth = catalog.wrapwidth, 0
    try:
        return str(catalog)
    finally:
        catalog.wrapwidth = width

