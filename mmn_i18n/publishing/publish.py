"""Publish a project: the one pipeline the command line (`mmn-i18n build`) and a server call.

In order: refuse translations that could change a link or add markup
(site.safety), decide what is ready where (readiness), build each
language's HTML site (html), take pages no longer published out of the
sites, print the PDFs (pdf), write the translation status page
(status_page) and the landing pages (landing).

publish() returns a PublishReport, a value saying per language (and per
document for the PDFs) what was built, left unchanged, not published and
why, withdrawn or failed with its problems, plus how long each stage took.
It prints nothing: on_step is handed each part of the report as soon as it
is known, so that a terminal can show progress while sites build.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import MmnError, Problem
from ..project import Project
from .html import BuildResult, build_html
from .landing import write_landing
from .pdf import PdfResult, build_pdfs
from .readiness import (NotPublished, Readiness, assess, remove_unpublished_pages, save_checks_cache,
                        write_publication_file)
from .site.safety import language_catalogs, unsafe_entries
from .status_page import write_report

FORMATS = ("html", "pdf")


class UnsafeTranslations(MmnError):
    """Translations that could change a link or add markup: nothing is built (each one in details)."""

    def __init__(self, found: list[Problem], project: Project) -> None:
        self.found = found
        first = found[0]
        more = f" (and {len(found) - 1} more, listed above)" if len(found) > 1 else ""
        super().__init__(f"Unsafe translation at {first.where(project.root)}: {first.problem}{more}. Nothing was built.",
                         details=[problem.text(project.root) for problem in found])


@dataclass(frozen=True)
class Refusal:
    """A language not built because its catalogs have check errors (publish(strict=True))."""

    language: str
    errors: tuple  # mmn_i18n.gettext.checks.core.Finding, the errors found


@dataclass(frozen=True)
class Written:
    """A page written after the sites: the translation status page or a landing page."""

    path: Path
    what: str  # "status page" or "landing page"


@dataclass(frozen=True)
class PublishReport:
    languages: tuple[str, ...]  # the languages built (asked for, less the refused)
    refused: tuple[Refusal, ...] = ()
    warnings: tuple[Problem, ...] = ()  # what the publications' fields leave unsaid
    not_published: tuple[NotPublished, ...] = ()
    sites: tuple[BuildResult, ...] = ()  # one per language, when HTML was asked for
    removed: tuple[Path, ...] = ()  # pages taken out of the sites: their publication is no longer ready there
    pdfs: tuple[PdfResult, ...] = ()  # one per PDF (document, or part of one) and language
    written: tuple[Written, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)  # per stage: readiness, html, pdf, pages

    @property
    def failed(self) -> list[str]:
        """The languages (and "<lang> (pdf)") whose build failed, in the order the command names them."""
        return ([site.language for site in self.sites if not site.ok]
                + sorted({f"{pdf.language} (pdf)" for pdf in self.pdfs if not pdf.ok}))

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused

    def problems(self, language: str) -> list[str]:
        """Everything that went wrong in one language: Sphinx's lines, withdrawn pages, PDF problems."""
        site = [line for result in self.sites if result.language == language for line in result.report_lines]
        pages = [f"{page} shows a markup error" for result in self.sites if result.language == language
                 for page in result.withdrawn]
        pdf = [line for result in self.pdfs if result.language == language for line in result.warnings]
        return site + pages + pdf


Step = Refusal | Problem | BuildResult | PdfResult | Written


def publish(project: Project, languages: Iterable[str] | None = None, formats: Iterable[str] = ("html",),
            jobs: int | None = None, strict: bool = False,
            on_step: Callable[[Step], None] | None = None,
            progress: Callable[[int, int], None] | None = None) -> PublishReport:
    """Build the sites (and PDFs) of these languages, then the status and landing pages.

    languages: codes; none means the source language and every project language.
    formats: "html" and/or "pdf" (nothing means html).
    strict: a language whose catalogs have check errors is not built (Refusal).
    on_step: told of each refusal, warning, site, PDF and page written, as it happens.
    progress(done, total): the sites built so far.
    Raises UnsafeTranslations (nothing built) and the readiness errors (MmnError).
    """
    formats = tuple(formats) or ("html",)
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise MmnError(f"unknown output format {', '.join(unknown)}; use {' or '.join(FORMATS)}.")
    tell = on_step or (lambda step: None)
    selected = [language.code for language in project.select_languages(tuple(languages or ()))]
    codes = selected if languages else [project.source_language, *selected]
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    refused = refusals(project, codes) if strict else []
    for refusal in refused:
        tell(refusal)
    codes = [code for code in codes if code not in {refusal.language for refusal in refused}]

    refuse_unsafe_translations(project, codes)
    readiness = assess(project)  # every language: the language menus link the sites not rebuilt now
    save_checks_cache(project, readiness)
    for warning in readiness.warnings:
        tell(warning)
    overrides = {"mmn_publication_file": str(write_publication_file(project, readiness))}
    seconds["readiness"] = time.perf_counter() - started

    sites: list[BuildResult] = []
    if "html" in formats:
        started = time.perf_counter()

        def site_done(result: BuildResult) -> None:
            sites.append(result)
            tell(result)
            if progress:
                progress(len(sites), len(codes))

        build_html(project, codes, jobs=jobs, on_done=site_done, overrides=overrides)
        seconds["html"] = time.perf_counter() - started
    removed = remove_unpublished_pages(project, readiness, [result.language for result in sites if result.ok])

    pdfs: list[PdfResult] = []
    if "pdf" in formats:
        started = time.perf_counter()
        pdfs = build_pdfs(project, codes, pdf_documents(project, codes, readiness), jobs=jobs, on_done=tell)
        seconds["pdf"] = time.perf_counter() - started

    started = time.perf_counter()
    written = [Written(write_report(project, project.build_dir / "coverage"), "status page")]
    tell(written[0])
    for path in write_landing(project, readiness):
        written.append(Written(path, "landing page"))
        tell(written[-1])
    seconds["pages"] = time.perf_counter() - started

    return PublishReport(
        languages=tuple(codes), refused=tuple(refused), warnings=tuple(readiness.warnings),
        not_published=not_published(readiness, codes), sites=tuple(sites), removed=tuple(removed or ()),
        pdfs=tuple(pdfs), written=tuple(written), seconds=seconds)


def refusals(project: Project, codes: list[str]) -> list[Refusal]:
    """The languages whose catalogs have check errors, with the errors (for strict publishing)."""
    from ..gettext.checks import errors_by_language  # the checks load docutils: only when asked

    translated = [code for code in codes if code != project.source_language]
    return [Refusal(code, tuple(errors)) for code, errors in errors_by_language(project, translated).items() if errors]


def refuse_unsafe_translations(project: Project, codes: list[str]) -> None:
    """Stop before any build when a translation could change a link or add markup (file:line each)."""
    found = [item for code in codes if code != project.source_language
             for item in unsafe_entries(language_catalogs(project.locale_dir, code))]
    if found:
        raise UnsafeTranslations(found, project)


def pdf_documents(project: Project, codes: list[str], readiness: Readiness | None = None) -> dict[str, list[str]]:
    """Which publications get a PDF in each language: those ready there (mmn_i18n.publishing.readiness),
    or without a readiness matrix those whose :publish-in: names it (all, in English)."""
    publications = [doc for doc in project.documents() if doc.kind]
    if readiness is not None:
        return {code: [doc.name for doc in publications if readiness.cell(doc.name, code).ready] for code in codes}
    return {code: [doc.name for doc in publications
                   if code == project.source_language or code in doc.publish_in] for code in codes}


def not_published(readiness: Readiness, codes: list[str]) -> tuple[NotPublished, ...]:
    return tuple(NotPublished(document, code, tuple(cell.reasons))
                 for (document, code), cell in sorted(readiness.cells.items())
                 if code in codes and not cell.ready)
