"""Build one site per language: each language is its own sphinx-build process.

Separate processes let languages build in parallel on every core, and each
language keeps its own doctree cache, so editing one Thai catalog rebuilds
only the Thai pages that use it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..project import Project


@dataclass(frozen=True)
class BuildResult:
    language: str
    output: Path
    ok: bool
    warnings: tuple[str, ...]
    up_to_date: bool = False  # nothing the site is made of changed: Sphinx was not run
    withdrawn: tuple[str, ...] = ()  # pages removed because they showed a docutils error box


# A Sphinx or docutils warning, with or without a file:line in front of it.
SPHINX_WARNING = re.compile(r"(?:^|: )(?:WARNING|ERROR|SEVERE|CRITICAL): ")
# How docutils shows a markup error inside a page: an error box (kept when keep_warnings is
# set) or the broken markup itself, marked "problematic" and linked to the missing box.
ERROR_MARKS = ('class="system-message"', 'class="problematic"')


def sphinx_command(project: Project, builder: str, language: str, outdir: Path,
                   overrides: dict[str, str] | None = None) -> list[str]:
    """overrides: extra configuration values (-D name=value), e.g. mmn_publication_file."""
    extra = [arg for name, value in (overrides or {}).items() for arg in ("-D", f"{name}={value}")]
    return [
        sys.executable, "-m", "sphinx",
        "-b", builder,
        "-c", str(project.root),
        "-d", str(project.build_dir / "doctrees" / f"{builder}-{language}"),
        "-D", f"language={language}",
        *extra,
        "--quiet",
        str(project.source_dir),
        str(outdir),
    ]


INPUTS_STAMP = ".mmn-inputs"
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def site_inputs_digest(project: Project, language: str, overrides: dict[str, str] | None = None) -> str:
    """A digest of everything one language's site is made of (names, sizes, times; file contents for overrides).

    Sources, configuration, glossary, this language's catalogs, every
    language's vocabulary catalogs (the eight-language table shows them all),
    the extension's code, templates and UI catalogs (and the modules it
    imports from mmn_i18n), and the files named in
    overrides (the publication list). Starting sphinx-build costs 2-8 s even
    when it has nothing to do (Chinese loads jieba's dictionary), so a
    language whose digest did not change is not rebuilt at all.
    """
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version}|{version('sphinx')}|{language}|{sorted((overrides or {}).items())}".encode())
    folders = [project.source_dir, project.root / "glossary", project.catalog_dir(language),
               PACKAGE_DIR / "publishing" / "site", PACKAGE_DIR / "gettext" / "glossary"]
    files = [project.root / "conf.py", project.root / "pyproject.toml",
             *(PACKAGE_DIR / name for name in ("segment.py", "languages.py", "language_facts.py", "publishing/language_css.py",
                                                "gettext/coverage.py", "project.py",
                                                "gettext/catalogs.py", "gettext/catalog_objects.py")),
             *project.locale_dir.glob("*/LC_MESSAGES/vocabulary/*.po")]
    for folder in folders:
        if folder.is_dir():
            files += [path for path in folder.rglob("*") if path.suffix != ".mo" and "__pycache__" not in path.parts
                      and path.is_file()]  # compiled files are written while sites build
    for path in sorted(set(files)):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    for value in (overrides or {}).values():
        if Path(value).is_file():
            digest.update(Path(value).read_bytes())
    return digest.hexdigest()


def build_language_html(project: Project, language: str, overrides: dict[str, str] | None = None) -> BuildResult:
    outdir = project.build_dir / "html" / language
    stamp = outdir / INPUTS_STAMP
    inputs = site_inputs_digest(project, language, overrides)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == inputs and (outdir / "index.html").is_file():
        return BuildResult(language, outdir, True, (), up_to_date=True)
    result = subprocess.run(sphinx_command(project, "html", language, outdir, overrides),
                            capture_output=True, text=True, cwd=project.root)
    warnings = tuple(line.replace(f"{project.root}/", "") for line in result.stderr.splitlines() if line.strip())
    # Any warning is a source (or translation) problem: Sphinx still writes the pages, so the
    # build is failed here, and a page showing an error box is taken out of the site.
    withdrawn = withdraw_error_pages(outdir)
    ok = result.returncode == 0 and not withdrawn and not any(SPHINX_WARNING.search(line) for line in warnings)
    if ok:
        stamp.write_text(inputs, encoding="utf-8")
    else:
        if stamp.is_file():
            stamp.unlink()
        # Sphinx would not read unchanged sources again, so the next build would pass
        # without repeating the warnings: forget the cache until the build is clean.
        shutil.rmtree(project.build_dir / "doctrees" / f"html-{language}", ignore_errors=True)
    return BuildResult(language, outdir, ok, warnings, withdrawn=withdrawn)


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
