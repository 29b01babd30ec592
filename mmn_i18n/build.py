"""Build one site per language: each language is its own sphinx-build process.

Separate processes let languages build in parallel on every core, and each
language keeps its own doctree cache, so editing one Thai catalog rebuilds
only the Thai pages that use it.
"""
from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .project import Project


@dataclass(frozen=True)
class BuildResult:
    language: str
    output: Path
    ok: bool
    warnings: tuple[str, ...]


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


def build_language_html(project: Project, language: str, overrides: dict[str, str] | None = None) -> BuildResult:
    outdir = project.build_dir / "html" / language
    result = subprocess.run(sphinx_command(project, "html", language, outdir, overrides),
                            capture_output=True, text=True, cwd=project.root)
    warnings = tuple(line for line in result.stderr.splitlines() if line.strip())
    return BuildResult(language, outdir, result.returncode == 0, warnings)


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
