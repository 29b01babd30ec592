"""Build one PDF per (document, language): Sphinx writes each page bare, WeasyPrint prints it.

Per language, one sphinx-build (incremental, its own doctree cache) writes
every page with a template that has no site chrome into
_build/pdf-html/<lang>/; each page asked for is then given line-break hints
and printed to _build/pdf/<lang>/<docname>.pdf.

Rebuilds: a language none of whose files changed since its PDFs were
printed is not even handed to Sphinx; otherwise a PDF is printed again only
when what it is made of changed (the prepared page, the images it shows, the
print stylesheet, this package's code); a stamp file per language keeps the
digests.

Languages build in parallel, one process each (`python -m
mmn_i18n.publishing.pdf.worker`): printing is CPU-bound Python, and a process of its
own also gives each language its own Pango/fontconfig state.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..html import SPHINX_WARNING
from ...project import Project

ASSETS = Path(__file__).with_name("assets")
STAMP_FILE = ".inputs.json"


@dataclass(frozen=True)
class PdfResult:
    language: str
    document: str
    output: Path
    ok: bool
    printed: bool  # False when the PDF was already up to date
    seconds: float
    warnings: tuple[str, ...] = ()


def pdf_path(project: Project, language: str, document: str) -> Path:
    return project.build_dir / "pdf" / language / f"{document}.pdf"


def part_paths(project: Project, language: str, document: str, count: int) -> list[Path]:
    """The PDFs a document is printed as: <document>.pdf, or <document>-1.pdf ... -N.pdf in N parts."""
    whole = pdf_path(project, language, document)
    if count <= 1:
        return [whole]
    return [whole.with_name(f"{whole.stem}-{number}.pdf") for number in range(1, count + 1)]


def printed_parts(project: Project, language: str, document: str) -> list[Path]:
    """The PDFs of a document on disk, in reading order (the whole one, or its numbered parts)."""
    whole = pdf_path(project, language, document)
    if whole.is_file():
        return [whole]
    parts, number = [], 1
    while (part := whole.with_name(f"{whole.stem}-{number}.pdf")).is_file():
        parts.append(part)
        number += 1
    return parts


def page_dir(project: Project, language: str) -> Path:
    return project.build_dir / "pdf-html" / language


def sphinx_pages_command(project: Project, language: str) -> list[str]:
    """sphinx-build writing bare pages (no theme chrome) for the printer."""
    return [
        sys.executable, "-m", "sphinx",
        "-b", "html",
        "-c", str(project.root),
        "-d", str(project.build_dir / "doctrees" / f"pdf-{language}"),
        "-D", f"language={language}",
        "-D", "html_theme=basic",
        "-D", f"templates_path={ASSETS / 'templates'}",
        "-D", "html_copy_source=0",
        "-D", "html_use_index=0",
        # No search page in a PDF: skip the per-language search index (for
        # Chinese, Sphinx's splitter alone takes seconds to load its dictionary).
        "-D", "html_search_language=en",
        "--quiet",
        str(project.source_dir),
        str(page_dir(project, language)),
    ]


def _code_digest() -> str:
    """Digest of everything that shapes a PDF besides the page: code, stylesheet, WeasyPrint."""
    digest = hashlib.sha256(version("weasyprint").encode())
    package = Path(__file__).parent
    for path in sorted([*package.rglob("*.py"), *ASSETS.rglob("*.css"), package.parents[1] / "segment.py",
                        package.parents[1] / "language_facts.py", package.parent / "language_css.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_stamps(path: Path) -> dict:
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) and isinstance(stamps.get("pdfs"), dict) else {}


def _write_stamps(path: Path, stamps: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.part")
    partial.write_text(json.dumps(stamps, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(path)


def language_inputs_digest(project: Project, language: str) -> str:
    """Names, sizes and times of every file one language's bare pages are made from.

    What its HTML site is made of (mmn_i18n.publishing.html.site_inputs_digest: sources,
    configuration, termbase, this language's catalogs, every language's
    vocabulary catalogs, the Sphinx extension's code) plus this package's
    templates and code. Stat only, no reading: an unchanged language is
    recognised in milliseconds, without starting Sphinx.
    """
    from ..html import site_inputs_digest

    digest = hashlib.sha256(site_inputs_digest(project, language).encode())
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        info = path.stat()
        digest.update(f"{path}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _up_to_date(project: Project, language: str, documents: list[str]) -> list[PdfResult] | None:
    """Results for a language whose inputs did not change since all these PDFs were printed; else None."""
    stamps = _read_stamps(project.build_dir / "pdf" / language / STAMP_FILE)
    if stamps.get("inputs") != language_inputs_digest(project, language):
        return None
    results = []
    for doc in documents:
        count = stamps.get("parts", {}).get(doc, 1)
        for number, target in enumerate(part_paths(project, language, doc, count), start=1):
            if _stamp_key(doc, (number, count) if count > 1 else None) not in stamps["pdfs"] or not target.is_file():
                return None
            results.append(PdfResult(language, doc, target, True, False, 0.0))
    return results


def build_language_pdfs(project: Project, language: str, documents: list[str]) -> list[PdfResult]:
    """Write the bare pages for one language, then print each document asked for."""
    from .split import split_page

    inputs = language_inputs_digest(project, language)  # before Sphinx runs: a later edit is seen next time
    started = time.perf_counter()
    sphinx = subprocess.run(sphinx_pages_command(project, language), capture_output=True, text=True, cwd=project.root)
    sphinx_warnings = tuple(line.replace(f"{project.root}/", "") for line in sphinx.stderr.splitlines() if line.strip())
    if sphinx.returncode != 0 or any(SPHINX_WARNING.search(line) for line in sphinx_warnings):
        # A source or translation problem: nothing is printed, and Sphinx's cache is dropped so
        # that the next run reads the sources again and names the problem again.
        shutil.rmtree(project.build_dir / "doctrees" / f"pdf-{language}", ignore_errors=True)
        seconds = time.perf_counter() - started
        return [PdfResult(language, doc, pdf_path(project, language, doc), False, False, seconds,
                          sphinx_warnings if index == 0 else ())  # the language's problem: said once
                for index, doc in enumerate(documents)]
    pages = page_dir(project, language)
    stamp_path = project.build_dir / "pdf" / language / STAMP_FILE
    stamps = _read_stamps(stamp_path) or {"pdfs": {}}
    code = _code_digest()
    results = []
    for doc in documents:
        page = pages / f"{doc}.html"
        if not page.is_file():
            results.append(PdfResult(language, doc, pdf_path(project, language, doc), False, False, 0.0,
                                     (f"{doc}: no such document in {project.source_dir}.",)))
            continue
        parts = split_page(page.read_text(encoding="utf-8"))
        targets = part_paths(project, language, doc, len(parts))
        for number, (part_html, target) in enumerate(zip(parts, targets), start=1):
            part = (number, len(parts)) if len(parts) > 1 else None
            results.append(_print_part(page, part_html, language, doc, part, target, code, stamps))
        _remove_stale_parts(project, language, doc, len(parts), stamps)
        stamps.setdefault("parts", {})[doc] = len(parts)
    if sphinx_warnings and results:  # the language's, not one document's: reported once
        results[0] = replace(results[0], warnings=sphinx_warnings + results[0].warnings)
    stamps["inputs"] = inputs if all(result.ok for result in results) else None
    _write_stamps(stamp_path, stamps)
    return results


def _stamp_key(doc: str, part: tuple[int, int] | None) -> str:
    return doc if part is None else f"{doc}-{part[0]}"


def _print_part(page: Path, page_html: str, language: str, doc: str, part: tuple[int, int] | None,
                target: Path, code: str, stamps: dict) -> PdfResult:
    """Print one PDF (a whole document or one part of it) unless its stamp says it is up to date."""
    from .furnish import furnish
    from .prepare import print_copy

    started = time.perf_counter()
    prepared, local_files = print_copy(furnish(page_html, language, part), page.name)
    digest = hashlib.sha256(code.encode() + prepared.encode())
    for name in local_files:
        image = (page.parent / name).resolve()
        digest.update(image.read_bytes() if image.is_file() else b"missing:" + name.encode())
    key = _stamp_key(doc, part)
    if stamps["pdfs"].get(key) == digest.hexdigest() and target.is_file():
        return PdfResult(language, doc, target, True, False, time.perf_counter() - started)
    from .render import render_pdf  # WeasyPrint takes a second to import: only when printing

    try:
        warnings = render_pdf(prepared, page.parent, target)
    except Exception as error:  # one bad page must not stop the other PDFs
        stamps["pdfs"].pop(key, None)
        return PdfResult(language, doc, target, False, False, time.perf_counter() - started,
                         (f"{page}: WeasyPrint could not print it: {error}",))
    seconds = time.perf_counter() - started
    stamps["pdfs"][key] = digest.hexdigest()
    stamps.setdefault("seconds", {})[key] = round(seconds, 3)  # for benchmarks/build.py
    return PdfResult(language, doc, target, True, True, seconds, tuple(warnings))


def _remove_stale_parts(project: Project, language: str, doc: str, count: int, stamps: dict) -> None:
    """Delete the PDFs of this document's previous printing that this one did not write (fewer parts)."""
    previous = stamps.get("parts", {}).get(doc, 1)
    keep = set(part_paths(project, language, doc, count))
    for number, path in enumerate(part_paths(project, language, doc, previous), start=1):
        if path not in keep:
            path.unlink(missing_ok=True)
            key = _stamp_key(doc, (number, previous) if previous > 1 else None)
            stamps["pdfs"].pop(key, None)
            stamps.get("seconds", {}).pop(key, None)


def build_pdfs(project: Project, languages: Iterable[str],
               documents: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
               jobs: int | None = None, on_done: Callable[[PdfResult], None] | None = None) -> list[PdfResult]:
    """One PDF per (document, language) asked for, languages in parallel; results in language order.

    documents: the same names for every language, or {language: names} when
    each language publishes its own set; None means every document.
    """
    if documents is None:
        documents = [doc.name for doc in project.documents()]
    if isinstance(documents, Mapping):
        plan = {code: list(documents.get(code, ())) for code in languages}
    else:
        names = list(documents)
        plan = {code: names for code in languages}
    plan = {code: docs for code, docs in plan.items() if docs}
    if not plan:
        return []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(plan)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_language_in_subprocess, project, code, docs) for code, docs in plan.items()]
        results = []
        for future in futures:
            for result in future.result():
                if on_done:
                    on_done(result)
                results.append(result)
    return results


def _build_language_in_subprocess(project: Project, language: str, documents: list[str]) -> list[PdfResult]:
    unchanged = _up_to_date(project, language, documents)
    if unchanged is not None:
        return unchanged
    command = [sys.executable, "-m", "mmn_i18n.publishing.pdf.worker", str(project.root), language, *documents]
    run = subprocess.run(command, capture_output=True, text=True, cwd=project.root)
    if run.returncode != 0:
        # The worker itself failed (not a document): report it on every PDF asked for.
        problem = tuple(line for line in run.stderr.splitlines() if line.strip())[-5:]
        return [PdfResult(language, doc, pdf_path(project, language, doc), False, False, 0.0, problem)
                for doc in documents]
    return [result_from_json(item) for item in json.loads(run.stdout)]


def result_to_json(result: PdfResult) -> dict:
    return {**asdict(result), "output": str(result.output), "warnings": list(result.warnings)}


def result_from_json(item: dict) -> PdfResult:
    return PdfResult(**{**item, "output": Path(item["output"]), "warnings": tuple(item["warnings"])})
