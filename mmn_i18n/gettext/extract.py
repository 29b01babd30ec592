"""English sources -> locale/pot/<document>.pot, through Sphinx's gettext builder."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .catalogs import write_catalog_text
from ..errors import MmnError
from ..project import Project

# Sphinx stamps every template with the time it was made; that line alone
# changing must not rewrite a file (Sphinx's own should_write does the same).
CREATION_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)
THEME_TEMPLATE = "sphinx.pot"
WARNING = re.compile(r"^(?P<where>\S+?):(?P<line>\d+)?:? ?(?P<kind>WARNING|ERROR|CRITICAL): (?P<message>.*)$")


@dataclass(frozen=True)
class ExtractResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


class SourceError(MmnError):
    """The English sources have reST errors; nothing was extracted."""


def run_sphinx(project: Project, builder: str, outdir: Path, doctreedir: Path,
               overrides: dict | None = None) -> list[str]:
    """Run one Sphinx build in this process; return its warning lines."""
    if not project.source_dir.is_dir():
        raise MmnError(f"{project.source_dir}: source directory not found. Create it or set source-dir in pyproject.toml.")
    warnings = io.StringIO()
    with patch_docutils(project.root), docutils_namespace():
        app = Sphinx(
            srcdir=project.source_dir,
            confdir=project.root,
            outdir=outdir,
            doctreedir=doctreedir,
            buildername=builder,
            confoverrides=overrides or {},
            status=None,
            warning=warnings,
            freshenv=False,
        )
        app.build()
    return [line for line in warnings.getvalue().splitlines() if line.strip()]


def source_problems(warning_lines: list[str], root: Path) -> list[str]:
    """The reST errors among Sphinx's warnings, as file:line lines.

    Unresolved references are left to the build: they do not stop a
    translator from getting the text, but broken markup does.
    """
    problems = []
    for line in warning_lines:
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        match = WARNING.match(line)
        if match and (match["kind"] != "WARNING" or line.endswith("[docutils]")):
            problems.append(line.replace(f"{root}/", "", 1))
    return problems


def extract(project: Project) -> ExtractResult:
    """Write one template per document; refuse when the sources have errors."""
    outdir = project.build_dir / "gettext"
    project.documents()  # every source readable and UTF-8 (else file:line), no link loop: before Sphinx reads them
    warnings = run_sphinx(project, "gettext", outdir, project.build_dir / "doctrees" / "gettext")
    problems = source_problems(warnings, project.root)
    if problems:
        detail = "\n".join(problems)
        raise SourceError(f"{detail}\nThe English sources have {len(problems)} problem(s); fix them and run `mmn-i18n extract` again. No template was changed.")
    fresh = {path.relative_to(outdir).as_posix(): path for path in outdir.rglob("*.pot")}
    # The builder also collects the theme templates' words into sphinx.pot;
    # those are translated in the extension's own UI catalogs, not per document.
    theme_words = fresh.pop(THEME_TEMPLATE, None)
    if theme_words:
        theme_words.unlink()
    written, unchanged = [], []
    for name, path in sorted(fresh.items()):
        target = project.pot_dir / name
        text = path.read_text(encoding="utf-8")
        if target.exists() and CREATION_DATE.sub("", target.read_text(encoding="utf-8")) == CREATION_DATE.sub("", text):
            unchanged.append(name)
        elif write_catalog_text(target, text):  # Sphinx's template, read strictly and verified
            written.append(name)
        else:
            unchanged.append(name)
    removed = []
    for stale in sorted(project.pot_dir.rglob("*.pot")) if project.pot_dir.is_dir() else []:
        name = stale.relative_to(project.pot_dir).as_posix()
        if name not in fresh:
            stale.unlink()
            removed.append(name)
    # The builder's own output folder is a scratch copy: stale templates there
    # would come back as documents after a rename.
    for path in fresh.values():
        path.unlink()
    return ExtractResult(tuple(written), tuple(unchanged), tuple(removed))
