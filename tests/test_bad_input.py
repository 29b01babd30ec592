"""Every command, every bad input that is not a catalog: exit 2, one line naming file:line, nothing changed.

One bad input per case, put into a real copy of the project; each case's
command runs through the real CLI, and the whole project tree (every file's
bytes, every link's target, every folder) is hashed before and after.
The README's table "What each command does with bad input" lists the same
cases by name; test_readme_table_lists_exactly_the_cases_tested_here keeps the
two equal, and the exit codes each case is run against come from that table.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from mmn_i18n.interfaces.cli import cli

REPO = Path(__file__).resolve().parents[1]
STATEMENT = "source/statement-migrants-day-2015.rst"


def tree_digest(root: Path) -> str:
    """Every path below root with its bytes (files), target (links) or nothing (folders)."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted([*subfolders, *files]):
            path = Path(folder) / name
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            if path.is_symlink():
                digest.update(b"link:" + os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes() if os.access(path, os.R_OK) else b"unreadable")
    return digest.hexdigest()


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text in line)


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line starting with old; its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if line.startswith(old))
    lines[number] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def append_bytes(path: Path, data: bytes) -> int:
    """Append data as a new last line; its line number."""
    before = path.read_bytes()
    if not before.endswith(b"\n"):
        before += b"\n"
    path.write_bytes(before + data)
    return before.count(b"\n") + 1


# --- the cases: name (as in the README) -> how to make the bad input, and what must be said -----

def _latin1_source(root: Path) -> str:
    (root / "source" / "bad.rst").write_bytes(
        b":kind: statement\n:date: 2015-01-01\n:publish-in: th\n\nTitle\n=====\n\nCaf\xe9 au lait.\n")
    return "source/bad.rst:8: not valid UTF-8"


def _latin1_terms(root: Path) -> str:
    line = append_bytes(root / "glossary" / "terms.csv", b"caf\xe9,caf\xe9,noun,,,,,,,\n")
    return f"glossary/terms.csv:{line}: not valid UTF-8"


def _latin1_avoid(root: Path) -> str:
    line = append_bytes(root / "glossary" / "avoid" / "th.csv", b"migrant-worker,caf\xe9,,\n")
    return f"glossary/avoid/th.csv:{line}: not valid UTF-8"


def _latin1_sheet(root: Path) -> str:
    (root / "sheet.csv").write_bytes(b"id,th\nmigrant-worker,\xe0\xb9\x81\xe9\n")
    return "sheet.csv:2: not valid UTF-8"


def _source_link_loop(root: Path) -> str:
    (root / "source" / "vocabulary" / "up").symlink_to("..")
    return "source/vocabulary/up: a loop of symbolic links"


def _dangling_source(root: Path) -> str:
    (root / "source" / "gone.rst").symlink_to("nowhere.rst")
    return "source/gone.rst: a symbolic link to nowhere.rst, which does not exist"


def _catalog_link_loop(root: Path) -> str:
    folder = root / "locale" / "th" / "LC_MESSAGES"
    (folder / "loop-a.po").symlink_to("loop-b.po")
    (folder / "loop-b.po").symlink_to("loop-a.po")
    return "locale/th/LC_MESSAGES/loop-a.po: a loop of symbolic links"


def _dangling_catalog(root: Path) -> str:
    (root / "locale" / "th" / "LC_MESSAGES" / "gone.po").symlink_to("nowhere.po")
    return "locale/th/LC_MESSAGES/gone.po: a symbolic link to nowhere.po, which does not exist"


def _setting(old: str, new: str, message: str) -> Callable[[Path], str]:
    def make(root: Path) -> str:
        line = replace_line(root / "pyproject.toml", old, new)
        return f"pyproject.toml:{line}: {message}"
    return make


def _missing_source_dir(root: Path) -> str:
    line = replace_line(root / "pyproject.toml", "source-dir", 'source-dir = "sources"')
    return f"sources: source directory not found. Create it or set source-dir (pyproject.toml:{line})."


def _toml_syntax(root: Path) -> str:
    line = append_bytes(root / "pyproject.toml", b"oops = \n")
    return f"pyproject.toml:{line}: invalid TOML"


def _latin1_pyproject(root: Path) -> str:
    line = append_bytes(root / "pyproject.toml", b"# caf\xe9\n")
    return f"pyproject.toml:{line}: not valid UTF-8"


def _field(name: str, value: str | None, message: str) -> Callable[[Path], str]:
    """Replace (value) or delete (None) a field of the statement; the error names that line."""
    def make(root: Path) -> str:
        path = root / STATEMENT
        line = line_of(path, f":{name}:")
        if value is None:
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            del lines[line - 1]
            path.write_text("".join(lines), encoding="utf-8")
            line = 1  # a missing field is named at the first field of the document
        else:
            replace_line(path, f":{name}:", f":{name}: {value}")
        return f"{STATEMENT}:{line}: {message}"
    return make


STATUS, BUILD, EXTRACT, UPDATE = ("status",), ("build", "--lang", "th"), ("extract",), ("update", "--lang", "th")
LOOKUP = ("glossary", "lookup", "migrant")

# name (as in the README table) -> damages the project copy, returns the text the error must contain
CASES: dict[str, Callable[[Path], str]] = {
    "a source (.rst) that is not UTF-8": _latin1_source,
    "glossary/terms.csv not UTF-8": _latin1_terms,
    "glossary/avoid/<lang>.csv not UTF-8": _latin1_avoid,
    "an import sheet not UTF-8": _latin1_sheet,
    "a loop of symbolic links under source/": _source_link_loop,
    "a dangling symbolic link under source/": _dangling_source,
    "a loop of symbolic links among catalogs": _catalog_link_loop,
    "a dangling symbolic link among catalogs": _dangling_catalog,
    "pyproject.toml is not valid TOML": _toml_syntax,
    "pyproject.toml is not UTF-8": _latin1_pyproject,
    "a folder setting that is not text": _setting(
        "locale-dir", "locale-dir = 5", "[tool.mmn-i18n] locale-dir must be a folder path (text), not 5."),
    "an unknown setting": _setting(
        "build-dir", 'build_dir = "_build"', "[tool.mmn-i18n] unknown setting 'build_dir'."),
    "a source-dir that does not exist": _missing_source_dir,
    "languages that is not a list": _setting(
        "languages", 'languages = "th"', "[tool.mmn-i18n] languages must be a list of language codes"),
    "an unknown language in languages": _setting(
        "languages", 'languages = ["th", "xx-nowhere"]', "[tool.mmn-i18n] languages: Unknown language 'xx-nowhere'"),
    "a language listed twice": _setting(
        "languages", 'languages = ["th", "lo", "th"]', "[tool.mmn-i18n] languages names th more than once"),
    "a source-language that is not text": _setting(
        "source-language", "source-language = 1", "[tool.mmn-i18n] source-language must be a language code"),
    "a readiness rule with a wrong value": _setting(
        "statement =", 'statement = {min_percent = 100, no_errors = "yes"}',
        "[tool.mmn-i18n.readiness] statement.no_errors must be true or false"),
    "a readiness rule with an unknown key": _setting(
        "invitation =", "invitation = {min_percnt = 100}", "[tool.mmn-i18n.readiness] invitation must be {min_percent"),
    "a :date: that is not YYYY-MM-DD": _field(
        "date", "18 December 2015", ":date: '18 December 2015' is not a date written YYYY-MM-DD"),
    "a :date: that is no date": _field("date", "2015-13-45", ":date: '2015-13-45' is not a date written YYYY-MM-DD"),
    "a publication without :kind:": _field("kind", None, "no :kind: field"),
    "an unknown :kind:": _field("kind", "statment", "unknown :kind: 'statment'"),
    "an unknown language in :publish-in:": _field(
        "publish-in", "th fr", ":publish-in: names 'fr', which is not one of the project's languages"),
}


def invoke(root: Path, args: tuple[str, ...]):
    return CliRunner().invoke(cli, ["--project", str(root), *args], obj={}, catch_exceptions=False)


def assert_refused(result, expected: str, before: str, root: Path, code: int = 2) -> None:
    output = result.output.replace(f"{root}/", "")
    assert result.exit_code == code, output
    assert "Traceback" not in output and "internal error" not in output, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output  # one line, and it names the file and line
    assert expected in lines[0], output
    assert tree_digest(root) == before, "the command changed the project"


def readme_table(heading: str) -> list[list[str]]:
    """The cells of the first table after a heading of README.md (header row left out)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    rows = []
    for line in section.split("\n\n| ", 1)[1].split("\n\n", 1)[0].splitlines()[2:]:
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def readme_cases() -> list[tuple[str, tuple[str, ...], int, list[str]]]:
    """(bad input, command, exit code, the pieces of the README's example line) for every
    command of every row of the README's table ("..." and LINE in the example stand for any text
    and the line number, which the case itself checks)."""
    return [(name, tuple(command.split()), int(code),
             [piece.strip() for piece in re.split(r"\.\.\.|LINE", says.strip("`")) if piece.strip()])
            for name, commands, code, says in readme_table("### Bad input, case by case")
            for command in re.findall(r"`([^`]+)`", commands)]


def test_readme_table_lists_exactly_the_cases_tested_here():
    assert [name for name, *_ in readme_table("### Bad input, case by case")] == list(CASES)
    assert [problem for problem, *_ in readme_table("### Source problems, case by case")] == list(SOURCE_PROBLEMS)


CALLS = readme_cases()


@pytest.mark.parametrize(("name", "command", "code", "says"), CALLS,
                         ids=[f"{name} | {' '.join(command)}" for name, command, *_ in CALLS])
def test_bad_input_is_refused_in_one_line_naming_file_and_line(name, command, code, says, project_dir):
    expected = CASES[name](project_dir)
    before = tree_digest(project_dir)
    result = invoke(project_dir, command)
    assert_refused(result, expected, before, project_dir, code)
    shown = result.output.replace(f"{project_dir}/", "").replace(str(project_dir), "")
    for piece in says:  # what the README shows is what the command says
        assert piece in shown, (piece, shown)


# --- publication metadata that is only worth a warning ---------------------------------------

@pytest.mark.parametrize(("field", "message"), [
    ("date", "no :date: field"),
    ("publish-in", "no language in :publish-in:"),
])
def test_a_missing_date_or_publish_in_is_a_warning_at_file_line(field, message, project_dir):
    path = project_dir / STATEMENT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith(f":{field}:")]
    path.write_text("".join(lines), encoding="utf-8")
    result = invoke(project_dir, STATUS)
    assert result.exit_code == 0, result.output
    assert f"{STATEMENT}:1: warning: {message}" in result.stderr.replace(f"{project_dir}/", "")


def test_a_field_given_twice_is_a_warning_naming_the_last(project_dir):
    path = project_dir / STATEMENT
    path.write_text(":kind: statement\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke(project_dir, STATUS)
    assert result.exit_code == 0, result.output
    assert f"{STATEMENT}:2: warning: :kind: is given 2 times" in result.stderr.replace(f"{project_dir}/", "")


def test_the_bundled_project_has_no_metadata_problem(project_dir):
    result = invoke(project_dir, STATUS)
    assert result.exit_code == 0 and "warning:" not in result.stderr, result.output


# --- unreadable and immutable files: real permissions, real immutability ---------------------

MMN_I18N = str(Path(sys.executable).with_name("mmn-i18n"))


def run_without_root_overrides(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command, as a user file permissions apply to: root keeps its uid but loses the
    capabilities that let it read and enter any file or folder (setpriv drops them)."""
    command = [MMN_I18N, *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a mode-000 file is readable to root")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=root)


UNREADABLE = {
    "a source": ("source/about.rst", STATUS),
    "a source folder": ("source/vocabulary", EXTRACT),
    "a glossary file": ("glossary/terms.csv", LOOKUP),
    "pyproject.toml": ("pyproject.toml", STATUS),
    "a catalog folder": ("locale/th/LC_MESSAGES", ("status", "--lang", "th")),
}


@pytest.mark.parametrize("what", sorted(UNREADABLE))
def test_an_unreadable_file_or_folder_is_named(what, project_dir):
    relative, command = UNREADABLE[what]
    target = project_dir / relative
    before = tree_digest(project_dir)
    target.chmod(0)
    try:
        run = run_without_root_overrides(project_dir, *command)
    finally:
        target.chmod(0o755 if target.is_dir() else 0o644)
    output = (run.stdout + run.stderr).replace(f"{project_dir}/", "")
    assert run.returncode == 2, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert output.strip().splitlines() == [f"Error: {relative}: permission denied (read). Give the user running "
                                           "mmn-i18n read access (chmod); nothing was changed."]
    assert tree_digest(project_dir) == before


def chattr(flag: str, path: Path) -> None:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr {flag} is not supported here: {done.stderr.strip()}")


def _changed_english(root: Path) -> None:
    """Changed English in two documents and new templates: update has two catalogs to rewrite in every
    language, about.po before the (immutable) statement's, so a late refusal would leave about.po changed."""
    for name, old, new in [("about", "the rights of migrants", "the rights of all migrants"),
                           ("statement-migrants-day-2015", "*Chiang Mai and Hong Kong", "*Chiang Mai, Hong Kong")]:
        path = root / "source" / f"{name}.rst"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    assert invoke(root, EXTRACT).exit_code == 0


def _thai_sheet(root: Path) -> None:
    (root / "sheet.csv").write_text("id,th\nmigrant-worker,แรงงานย้ายถิ่น\n", encoding="utf-8")


IMMUTABLE = {
    "update, a catalog": (UPDATE, "locale/th/LC_MESSAGES/statement-migrants-day-2015.po", _changed_english),
    "update, a catalog folder": (UPDATE, "locale/th/LC_MESSAGES", _changed_english),
    "fix zawgyi, a catalog": (("fix", "zawgyi"), "locale/my/LC_MESSAGES/about.po", lambda root: None),
    "glossary import, the vocabulary catalog": (("glossary", "import", "sheet.csv"),
                                                "locale/th/LC_MESSAGES/vocabulary/index.po", _thai_sheet),
}


@pytest.mark.parametrize("case", list(IMMUTABLE))
def test_an_immutable_catalog_or_folder_is_refused_before_anything_is_written(case, project_dir):
    if not shutil.which("chattr"):
        pytest.skip("no chattr: cannot make a file immutable")
    command, target, prepare = IMMUTABLE[case]
    prepare(project_dir)
    before = tree_digest(project_dir)
    chattr("+i", project_dir / target)
    try:
        result = invoke(project_dir, command)
    finally:
        chattr("-i", project_dir / target)
    assert_refused(result, f"{target}: permission denied (write)", before, project_dir)


# --- source problems stop the build ----------------------------------------------------------

# text added at the end of about.rst, what Sphinx says, and on which of its lines (0: the first)
SOURCE_PROBLEMS = {
    "unknown directive": (".. frobnicate:: now\n", 'Unknown directive type "frobnicate"', 0),
    "unknown role": ("A :frob:`word` here.\n", 'Unknown interpreted text role "frob"', 0),
    "broken term": ("A :term:`no such term` here.\n", "term not in glossary: 'no such term'", 0),
    "broken ref": ("See :ref:`no-such-label`.\n", "undefined label: 'no-such-label'", 0),
    "bad indentation": ("* an item\n  that goes on\n and is cut short.\n", "unexpected unindent", 2),
}


def _add_to_about(root: Path, text: str) -> int:
    path = root / "source" / "about.rst"
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text, encoding="utf-8")
    return body.count("\n") + 1


SOURCE_ROWS = {problem: (int(build), int(extract))
               for problem, build, extract in readme_table("### Source problems, case by case")}


@pytest.mark.parametrize("problem", list(SOURCE_ROWS))
def test_a_source_problem_fails_the_build_at_file_line(problem, project_dir):
    text, message, offset = SOURCE_PROBLEMS[problem]
    line = _add_to_about(project_dir, text) + offset
    result = invoke(project_dir, BUILD)
    output = result.output.replace(f"{project_dir}/", "")
    assert result.exit_code == SOURCE_ROWS[problem][0] == 1, output
    assert "Traceback" not in output
    assert re.search(r"^FAILED th:", output, re.M), output
    assert re.search(rf"source/about\.rst:{line}(:<translated>:\d+)?: (WARNING|ERROR): .*{re.escape(message)}",
                     output), output
    assert "The build failed for: th" in output
    for page in (project_dir / "_build" / "html" / "th").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="problematic"' not in text and 'class="system-message"' not in text, page


def test_a_page_with_a_markup_error_is_withdrawn_and_the_next_build_fails_again(project_dir):
    line = _add_to_about(project_dir, "A :frob:`word` here.\n")
    page = project_dir / "_build" / "html" / "th" / "about.html"
    for attempt in (1, 2):  # the second time Sphinx has a cache: the problem must still be named
        result = invoke(project_dir, BUILD)
        output = result.output.replace(f"{project_dir}/", "")
        assert result.exit_code == 1, (attempt, output)
        assert f"source/about.rst:{line}: ERROR: Unknown interpreted text role" in output, (attempt, output)
        assert "not published: _build/html/th/about.html shows a markup error" in output, (attempt, output)
        assert not page.exists(), attempt
    (project_dir / "source" / "about.rst").write_text(
        (project_dir / "source" / "about.rst").read_text(encoding="utf-8").replace(":frob:`word`", "*word*"),
        encoding="utf-8")
    result = invoke(project_dir, BUILD)
    assert result.exit_code == 0, result.output
    assert page.is_file()


def test_a_source_problem_prints_no_pdf_and_is_named_once(project_dir):
    line = _add_to_about(project_dir, "A :frob:`word` here.\n")
    result = invoke(project_dir, ("build", "--format", "pdf", "--lang", "th"))
    output = result.output.replace(f"{project_dir}/", "")
    assert result.exit_code == 1, output
    assert output.count(f"source/about.rst:{line}: ERROR: Unknown interpreted text role") == 1, output
    assert "The build failed for: th (pdf)" in output
    assert not list((project_dir / "_build").rglob("*.pdf"))


@pytest.mark.parametrize("problem", list(SOURCE_ROWS))
def test_extract_refuses_sources_with_markup_errors_and_leaves_references_to_the_build(problem, project_dir):
    text, message, offset = SOURCE_PROBLEMS[problem]
    line = _add_to_about(project_dir, text) + offset
    before = tree_digest(project_dir / "locale")
    result = invoke(project_dir, EXTRACT)
    assert result.exit_code == SOURCE_ROWS[problem][1], result.output
    if result.exit_code == 2:  # markup docutils cannot read: no template written
        assert f"source/about.rst:{line}:" in result.output and message in result.output, result.output
        assert "No template was changed" in result.output
        assert tree_digest(project_dir / "locale") == before
    else:  # a reference: the gettext builder does not resolve references, the build names it
        assert "Traceback" not in result.output and tree_digest(project_dir / "locale") != before


# --- anything else: one line, exit 2 ---------------------------------------------------------

def test_a_folder_where_a_file_is_written_is_named_by_the_one_atomic_writer(project_dir):
    (project_dir / "_build").mkdir()
    (project_dir / "_build" / "publication.json").mkdir()  # build writes the publication list here
    run = subprocess.run([MMN_I18N, "build", "--lang", "th"], capture_output=True, text=True, cwd=project_dir)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [f"Error: {project_dir}/_build/publication.json: is a folder, not a file."]


def test_a_file_system_fault_anywhere_is_named_by_the_last_resort_handler(project_dir):
    """A real command meets a fault no code path checks for: a folder where it reads a page.

    (Writes no longer serve: every one goes through textfiles.write_bytes_atomically, which names its faults.)
    """
    stray = project_dir / "_build" / "html" / "th" / "stray.html"
    stray.mkdir(parents=True)  # after Sphinx, build reads every page of the site for error boxes
    run = subprocess.run([MMN_I18N, "build", "--lang", "th"], capture_output=True, text=True, cwd=project_dir)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1:] == [f"Error: {stray}: is a folder, not a file."]
    debug = subprocess.run([MMN_I18N, "build", "--lang", "th"], capture_output=True, text=True, cwd=project_dir,
                           env={**os.environ, "MMN_I18N_DEBUG": "1"})
    assert debug.returncode != 0 and "Traceback" in debug.stderr, "MMN_I18N_DEBUG=1 shows the traceback"


def test_an_exception_nobody_named_is_one_line_asking_for_a_report(capsys):
    from mmn_i18n.interfaces.cli import unexpected

    error = unexpected(TypeError("unsupported operand type(s) for /: 'PosixPath' and 'int'"))
    assert error.exit_code == 2
    error.show()
    assert capsys.readouterr().err == (
        "mmn-i18n: internal error: TypeError: unsupported operand type(s) for /: 'PosixPath' and 'int' "
        "(please report; run with MMN_I18N_DEBUG=1 for the traceback)\n")
