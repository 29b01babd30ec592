"""The one place a sphinx-build command line is made and run (the HTML sites and the PDFs' bare pages).

Each language builds in a `python -m sphinx` process of its own: languages
build in parallel on every core, each with its own doctree cache and its own
module state (Sphinx keeps per-process state in its registries, and a
language's extensions and splitter are loaded once in their own process).
What Sphinx prints on stderr is sorted: its warnings (file:line when it
knows them) are kept for the user, the chatter of libraries (jieba's
dictionary loading, deprecation notices) is not; when Sphinx fails, every
line is kept, as it explains the failure.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..project import Project
from ..subprocesses import SPHINX_SECONDS, run

# A Sphinx or docutils warning, with or without a file:line in front of it.
SPHINX_WARNING = re.compile(r"(?:^|: )(?:WARNING|ERROR|SEVERE|CRITICAL): ")
LOCATED_WARNING = re.compile(r"^(?:(?P<path>.+?)(?::(?P<line>\d+))?: )?(?P<severity>WARNING|ERROR|SEVERE|CRITICAL): "
                             r"(?P<message>.*)$")
# Sphinx names a problem in a translated paragraph `<source>:<line>:<translated>:<line in the msgstr>`.
TRANSLATED_PLACE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):<translated>$")


@dataclass(frozen=True)
class SphinxRun:
    returncode: int
    lines: tuple[str, ...]  # what the user must see: the warnings, or every line of a failure

    @property
    def ok(self) -> bool:
        """Sphinx finished and warned of nothing (any warning is a source or translation problem)."""
        return self.returncode == 0 and not any(SPHINX_WARNING.search(line) for line in self.lines)


def sphinx_command(project: Project, language: str, outdir: Path, doctrees: Path,
                   settings: dict[str, str] | None = None) -> list[str]:
    """sphinx-build writing one language's HTML into outdir; settings: configuration values (-D name=value)."""
    extra = [arg for name, value in (settings or {}).items() for arg in ("-D", f"{name}={value}")]
    return [
        sys.executable, "-m", "sphinx",
        "-b", "html",
        "-c", str(project.root),
        "-d", str(doctrees),
        "-D", f"language={language}",
        *extra,
        "--quiet",
        # Plain text: Sphinx colours its warnings when it thinks a terminal or CI shows them (CI=true
        # does), and the colour codes would stick to the file names and messages read from them.
        "--no-color",
        str(project.source_dir),
        str(outdir),
    ]


def run_sphinx(project: Project, language: str, outdir: Path, doctrees: Path,
               settings: dict[str, str] | None = None, seconds: float | None = None) -> SphinxRun:
    """Build; ToolTimeout (exit 2, the build stopped) after seconds (default SPHINX_SECONDS)."""
    command = sphinx_command(project, language, outdir, doctrees, settings)
    result = run(command, SPHINX_SECONDS if seconds is None else seconds, f"sphinx-build ({language})",
                 cwd=project.root)
    return SphinxRun(result.returncode, user_lines(result.stderr, project.root, failed=result.returncode != 0))


def user_lines(stderr: str, root: Path, failed: bool) -> tuple[str, ...]:
    """The stderr lines the user must see, paths shown from the project folder."""
    lines = [line.replace(f"{root}/", "") for line in stderr.splitlines() if line.strip()]
    if failed:
        return tuple(lines)
    kept, in_warning = [], False
    for line in lines:
        if SPHINX_WARNING.search(line):
            kept.append(line)
            in_warning = True
        elif in_warning and line[:1].isspace():
            kept.append(line)  # the indented rest of a warning that spans lines
        else:
            in_warning = False
    return tuple(kept)


def sphinx_problem(line: str) -> Problem:
    """A warning line as a Problem: file and line when Sphinx gave them, its severity, its message.

    In a translated paragraph the place is the English source's file and line
    (mmn_i18n.publishing.translation_places adds the catalog entry's).
    """
    match = LOCATED_WARNING.match(line)
    if match is None:
        return Problem("", None, line)
    path, line_number = match["path"] or "", match["line"]
    translated = TRANSLATED_PLACE.match(path)
    if translated:
        path, line_number = translated["path"], translated["line"]
    return Problem(path, int(line_number) if line_number else None, match["message"], severity=match["severity"])


def is_translated_place(line: str) -> bool:
    """Whether Sphinx says this warning is about a translated paragraph (not only the English source's)."""
    match = LOCATED_WARNING.match(line)
    return bool(match and match["path"] and TRANSLATED_PLACE.match(match["path"]))
