"""Build one site per language: each language is its own sphinx-build process.

Separate processes let languages build in parallel on every core, and each
language keeps its own doctree cache, so editing one Thai catalog rebuilds
only the Thai pages that use it.
"""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import Problem
from ..project import Project
from ..textfiles import write_text_atomically
from .inputs import site_digest
from .sphinx_build import SPHINX_WARNING, run_sphinx
from .translation_places import warning_problems


@dataclass(frozen=True)
class BuildResult:
    language: str
    output: Path
    ok: bool
    warnings: tuple[str, ...]
    up_to_date: bool = False  # nothing the site is made of changed: Sphinx was not run
    withdrawn: tuple[str, ...] = ()  # pages removed because they showed a docutils error box
    # Sphinx's warnings (one per warning line, in order), each at the file and line it names, and in a
    # language's build at the catalog entry whose translation caused it (translation_places).
    problems: tuple[Problem, ...] = ()

    @property
    def report_lines(self) -> tuple[str, ...]:
        """What the user reads: Sphinx's lines, a warning a translation caused named at its catalog entry first."""
        problems = iter(self.problems)
        shown = []
        for line in self.warnings:
            problem = next(problems, None) if SPHINX_WARNING.search(line) else None
            shown.append(problem.text() if problem is not None and problem.catalog else line)
        return tuple(shown)


# How docutils shows a markup error inside a page: an error box (kept when keep_warnings is
# set) or the broken markup itself, marked "problematic" and linked to the missing box.
ERROR_MARKS = ('class="system-message"', 'class="problematic"')


INPUTS_STAMP = ".mmn-inputs"  # the digest of what the site was last built from (mmn_i18n.publishing.inputs)


def build_language_html(project: Project, language: str, overrides: dict[str, str] | None = None) -> BuildResult:
    outdir = project.build_dir / "html" / language
    stamp = outdir / INPUTS_STAMP
    inputs = site_digest(project, language, overrides)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == inputs and (outdir / "index.html").is_file():
        return BuildResult(language, outdir, True, (), up_to_date=True)
    sphinx = run_sphinx(project, language, outdir, project.build_dir / "doctrees" / f"html-{language}", overrides)
    warnings = sphinx.lines
    # Any warning is a source (or translation) problem: Sphinx still writes the pages, so the
    # build is failed here, and a page showing an error box is taken out of the site.
    withdrawn = withdraw_error_pages(outdir)
    ok = sphinx.ok and not withdrawn
    if ok:
        write_text_atomically(stamp, inputs)
    else:
        if stamp.is_file():
            stamp.unlink()
        # Sphinx would not read unchanged sources again, so the next build would pass
        # without repeating the warnings: forget the cache until the build is clean.
        shutil.rmtree(project.build_dir / "doctrees" / f"html-{language}", ignore_errors=True)
    return BuildResult(language, outdir, ok, warnings, withdrawn=withdrawn,
                       problems=warning_problems(project, language, warnings))


def withdraw_error_pages(outdir: Path) -> tuple[str, ...]:
    """Delete every page of a built site that shows a docutils markup error; their names."""
    withdrawn = []
    for page in sorted(outdir.rglob("*.html")) if outdir.is_dir() else []:
        text = page.read_text(encoding="utf-8", errors="replace")
        if any(mark in text for mark in ERROR_MARKS):
            page.unlink()
            withdrawn.append(page.relative_to(outdir).as_posix())
    return tuple(withdrawn)


def build_html(project: Project, languages: Iterable[str], jobs: int | None = None,
               on_done: Callable[[BuildResult], None] | None = None,
               overrides: dict[str, str] | None = None) -> list[BuildResult]:
    """Build each language's site, several at a time; results in language order."""
    languages = list(languages)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(languages)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_language_html, project, code, overrides) for code in languages]
        results = []
        for future in futures:
            result = future.result()
            if on_done:
                on_done(result)
            results.append(result)
    return results
