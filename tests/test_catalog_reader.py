"""The one strict catalog reader: GNU msgfmt's verdict, its line, one wording in every command."""
from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from damage import SAMPLES, damaged, header_end, msgfmt_verdict
from mmn_i18n.gettext.catalog_objects import build_catalog
from mmn_i18n.gettext.catalogs import read_catalog, write_catalog, write_catalog_text
from mmn_i18n.gettext.coverage import count_catalog, decode
from mmn_i18n.errors import CatalogError

# Where we refuse what msgfmt takes, on purpose (README: "Catalogs: what counts as valid").
DELIBERATE = ("the header declares charset=",   # another charset over UTF-8 text: mojibake if read so
              "an invisible control character",  # polib and editors take it for a line end
              "a layout mmn-i18n cannot read")   # e.g. "#:x" glued comments, which polib cannot parse


def verdict(path: Path) -> tuple[int, str] | None:
    try:
        read_catalog(path)
    except CatalogError as error:
        assert str(error).startswith(f"{path}:{error.line}: " if error.line else f"{path}: ")
        assert "\n" not in str(error)
        return error.line, error.problem
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_reader_refuses_what_msgfmt_refuses_at_msgfmts_line(tmp_path, data):
    source = data.draw(st.sampled_from(SAMPLES))
    kind, damaged_bytes = data.draw(damaged(source.read_bytes()))
    path = tmp_path / "damaged.po"
    path.write_bytes(damaged_bytes)
    code, first = msgfmt_verdict(path)
    ours = verdict(path)
    # coverage counts with the same definition: it refuses exactly when read_catalog does
    try:
        count_catalog(path)
        counted = None
    except CatalogError as error:
        counted = error.line, error.problem
    if ours is None or not ours[1].startswith(DELIBERATE[2]):
        assert counted == ours, (kind, counted, ours)
    if ours is None:  # accepted: the objects are the ones polib builds from the same file
        assert fields(read_catalog(path)) == fields(polib.pofile(str(path), wrapwidth=79)), kind
    if first is not None:
        assert ours is not None, (kind, first)
        # a deliberate refusal names the line of its own cause: a control character in place of a
        # line end is refused where it stands; msgfmt stumbles over the joined lines further on
        if not ours[1].startswith(DELIBERATE):
            assert ours[0] == first[0], (kind, first, ours)
    elif ours is not None:
        # msgfmt found no syntax error: ours must be one of the documented differences
        line, problem = ours
        invalid_utf8_outside_messages = problem.startswith("not valid UTF-8") and (
            line <= header_end(damaged_bytes)
            or damaged_bytes.split(b"\n")[line - 1].startswith(b"#"))  # msgfmt checks message strings only
        assert problem.startswith(DELIBERATE) or invalid_utf8_outside_messages, (kind, code, ours)


def fields(catalog: polib.POFile) -> tuple:
    """Everything polib gives of a catalog, entry by entry, and its text as polib writes it."""
    return (catalog.header, catalog.metadata, catalog.metadata_is_fuzzy, catalog.encoding, str(catalog),
            [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.msgstr_plural, e.flags, e.obsolete, e.occurrences,
              e.tcomment, e.comment, e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural, e.linenum)
             for e in catalog])


def test_every_bundled_catalog_reads_as_polib_reads_it(tmp_path):
    """The reader builds polib's objects itself (mmn_i18n.gettext.catalog_objects): exactly polib's, linenum included,
    on every bundled catalog and template, the test fixtures and a benchmark tree."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from make_tree import make_tree
    make_tree(tmp_path / "tree", catalogs=40)
    repo = Path(__file__).parents[1]
    paths = [*sorted((repo / "locale").rglob("*.po*")), *sorted((repo / "mmn_i18n").rglob("*.po")),
             *sorted((tmp_path / "tree").rglob("*.po")),
             *[path for path in sorted((repo / "tests" / "data").rglob("*.po")) if "broken" not in path.parts]]
    assert len(paths) > 150
    built = 0
    for path in paths:
        try:
            ours = read_catalog(path)
        except CatalogError:
            continue  # a layout left to polib that polib cannot read (tests/data)
        assert fields(ours) == fields(polib.pofile(str(path), wrapwidth=79)), path
        built += build_catalog(decode(path.read_bytes()).replace("\r\n", "\n")) is not None
    assert built > 140  # the fast builder did the work, not polib


CASES = {
    # name: (text of the catalog, line named, words in the problem)
    "unterminated": ('msgid "a"\nmsgstr "b\n', 2, "unterminated"),
    "bad escape": ('msgid "a"\nmsgstr "b \\q"\n', 2, "invalid escape"),
    "conflict": ('msgid "a"\n<<<<<<< HEAD\nmsgstr "b"\n', 1, "merge conflict marker"),
    "stray text": ('msgid "a"\nmsgstr "b"\nhello\n', 3, "unexpected text"),
    "no msgid": ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "msgstr without msgid"),
    "duplicate": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message definition"),
    "bom": ('\ufeffmsgid "a"\nmsgstr "b"\n', 1, "byte-order mark"),
}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_has_one_wording_line_and_advice(tmp_path, name):
    text, line, words = CASES[name]
    path = tmp_path / "x.po"
    path.write_bytes((text if name == "bom" else HEADER + text).encode("utf-8"))
    line += 0 if name == "bom" else 4
    with pytest.raises(CatalogError) as raised:
        read_catalog(path)
    assert raised.value.line == line and words in raised.value.problem
    message = str(raised.value)
    # path:line: problem. what to do
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}: [^\n]+\. [A-Z][^\n]+[.)]", message), message
    with pytest.raises(CatalogError) as counted:
        count_catalog(path)
    assert str(counted.value) == message


def test_invalid_utf8_is_named_by_line(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes((HEADER + 'msgid "a"\nmsgstr "').encode() + b"\xff\xfe" + b'"\n')
    with pytest.raises(CatalogError) as raised:
        read_catalog(path)
    assert raised.value.line == 6 and "not valid UTF-8" in raised.value.problem and not re.search(r"byte \d", str(raised.value))


def test_header_charset_that_the_bytes_do_not_match_is_refused(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(HEADER.replace("UTF-8", "ISO-8859-1").encode() + 'msgid "a"\nmsgstr "แรงงาน"\n'.encode())
    with pytest.raises(CatalogError) as raised:
        read_catalog(path)
    assert raised.value.line == 3 and "charset=ISO-8859-1 but the text is UTF-8" in raised.value.problem


def test_a_real_latin1_catalog_is_read_and_written_back_as_utf8(tmp_path):
    path = tmp_path / "latin1.po"
    shutil.copyfile(Path(__file__).parent / "data" / "coverage" / "latin1.po", path)
    catalog = read_catalog(path)
    texts = [entry.msgstr for entry in catalog]
    assert any(not text.isascii() for text in texts)
    assert write_catalog(catalog, path)
    assert "charset=UTF-8" in path.read_text(encoding="utf-8")
    assert [entry.msgstr for entry in read_catalog(path)] == texts


def test_write_is_verified_against_what_was_meant_before_the_rename(tmp_path):
    path = tmp_path / "x.po"
    original = HEADER + 'msgid "a"\nmsgstr "b"\n'
    path.write_text(original, encoding="utf-8")
    meant = read_catalog(path)
    meant[0].msgstr = "c"  # the text below does not say that
    with pytest.raises(CatalogError, match="differs from what was meant.*left as it was"):
        write_catalog_text(path, HEADER + 'msgid "a"\nmsgstr "d"\n', meant=meant)
    assert path.read_text(encoding="utf-8") == original
    with pytest.raises(CatalogError, match="would not be a valid catalog"):
        write_catalog_text(path, HEADER + 'msgid "a"\nmsgstr "d\n', meant=meant)
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]  # no temporary file left
    assert write_catalog_text(path, HEADER + 'msgid "a"\nmsgstr "c"\n', meant=meant)
    assert read_catalog(path)[0].msgstr == "c"


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def break_catalog(path: Path) -> int:
    """An unterminated string at the last msgstr of a catalog; returns its line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = max(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 10)
    lines[number] = lines[number][:-1]
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("command", [
    ["check", "-l", "th"], ["fix", "zawgyi", "-l", "th"], ["glossary", "lookup", "migrant"],
    ["glossary", "export", "-o", "out.tbx"], ["glossary", "import", "sheet.csv"],
    ["coverage", "-l", "th"], ["update", "-l", "th"], ["status"],
])
def test_every_command_refuses_a_broken_catalog_in_the_same_words(run, project_dir, command):
    """The issue's cases: fix and glossary import used to save a translation one character short."""
    broken = project_dir / "locale" / "th" / "LC_MESSAGES" / "vocabulary" / "index.po"
    if command[0] not in ("glossary",):
        broken = project_dir / "locale" / "th" / "LC_MESSAGES" / "statement-migrants-day-2015.po"
    if command[1:2] == ["import"]:
        assert run(["glossary", "export", "--format", "csv", "-o", "sheet.csv"]).exit_code == 0
    line = break_catalog(broken)
    before = snapshot(project_dir)
    result = run(command)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    expected = f"{broken.relative_to(project_dir)}:{line}: unterminated or badly quoted string."
    lines = [out for out in result.output.splitlines() if expected in out]
    assert lines, result.output
    assert snapshot(project_dir) == before


def test_update_refuses_utf8_text_under_another_charset_instead_of_writing_mojibake(run, project_dir):
    path = project_dir / "locale" / "my" / "LC_MESSAGES" / "about.po"
    path.write_bytes(path.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-1"))
    before = snapshot(project_dir)
    result = run(["update"])
    assert result.exit_code == 2
    assert "locale/my/LC_MESSAGES/about.po:12: the header declares charset=ISO-8859-1 but the text is UTF-8." in result.output
    assert snapshot(project_dir) == before
