"""The build command: per-language HTML sites (and PDFs)."""
from __future__ import annotations

import click

from ...publishing.html import BuildResult, build_html
from ...errors import MmnError
from ...publishing.status_page import write_report
from ...publishing.landing import write_landing
from ...publishing.readiness import assess, remove_unpublished_pages, save_checks_cache, write_publication_file
from ...publishing.site.safety import language_catalogs, unsafe_entries
from ...publishing.pdf import PdfResult, build_pdfs
from .check_commands import refuse_languages_with_errors, terminal_progress
from .common import current_project, option_lang, relative, say


@click.command(short_help="Build per-language HTML sites and PDFs.")
@click.option("--format", "formats", type=click.Choice(["html", "pdf"]), multiple=True,
              help="Output format (repeatable: --format html --format pdf). Default: html.")
@option_lang
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Languages built at once. Default: one per core.")
@click.option("--strict", is_flag=True, help="Refuse to build a language whose catalogs have check errors.")
@click.pass_context
def build(ctx: click.Context, formats: tuple[str, ...], langs: tuple[str, ...], jobs: int | None,
          strict: bool = False) -> None:
    """Build the English site and one site per language under _build/html/<lang>/.

    With --format pdf, also one PDF per publication and language under
    _build/pdf/<lang>/<document>.pdf, a long one in parts <document>-1.pdf ... -N.pdf
    (only PDFs whose content changed are printed again).

    \b
    Example:
      mmn-i18n build --format html --lang th
      mmn-i18n build --format pdf --lang my --lang shn
    """
    project = current_project()
    selected = [lang.code for lang in project.select_languages(langs)]
    codes = selected if langs else [project.source_language, *selected]
    refused = refuse_languages_with_errors(project, codes) if strict else []
    codes = [code for code in codes if code not in refused]

    progress = terminal_progress("building sites")
    done: list[str] = []

    def report(result: BuildResult) -> None:
        state = ("up to date" if result.up_to_date else "built") if result.ok else "FAILED"
        say(f"{state} {result.language}: {relative(result.output, project)}")
        done.append(result.language)
        if progress:  # on a terminal: how many of the sites are done
            progress(len(done), len(codes))
        for line in result.warnings:
            say(f"  {line}")
        for page in result.withdrawn:
            say(f"  not published: {relative(result.output / page, project)} shows a markup error (fix the source above)")

    refuse_unsafe_translations(project, codes)
    readiness = assess(project)  # every language: the language menus link the sites not rebuilt now
    save_checks_cache(project, readiness)
    for warning in readiness.warnings:
        say(str(warning))
    overrides = {"mmn_publication_file": str(write_publication_file(project, readiness))}
    results = (build_html(project, codes, jobs=jobs, on_done=report, overrides=overrides)
               if "html" in (formats or ("html",)) else [])
    remove_unpublished_pages(project, readiness, [result.language for result in results if result.ok])
    failed = [result.language for result in results if not result.ok]
    if "pdf" in formats:
        failed += _build_pdfs(project, codes, jobs, readiness)
    write_coverage_page(project)
    for path in write_landing(project, readiness):
        say(f"wrote {relative(path, project)}")
    if failed:
        raise click.ClickException(f"The build failed for: {', '.join(failed)} (see the lines above).")
    if refused:
        raise click.ClickException(f"Not built because of check errors: {', '.join(refused)}. "
                                   "Run `mmn-i18n check --lang <code>` and fix them.")


def pdf_documents(project, codes: list[str], readiness=None) -> dict[str, list[str]]:
    """Which publications get a PDF in each language: those ready there (mmn_i18n.publishing.readiness),
    or without a readiness matrix those whose :publish-in: names it (all, in English)."""
    publications = [doc for doc in project.documents() if doc.kind]
    if readiness is not None:
        return {code: [doc.name for doc in publications if readiness.cell(doc.name, code).ready] for code in codes}
    return {code: [doc.name for doc in publications
                   if code == project.source_language or code in doc.publish_in] for code in codes}


def write_coverage_page(project) -> None:
    """The translation status page the landing page links to."""
    say(f"wrote {relative(write_report(project, project.build_dir / 'coverage'), project)}")


def refuse_unsafe_translations(project, codes: list[str]) -> None:
    """Stop before any build when a translation could change a link or add markup (file:line each)."""
    found = [item for code in codes if code != project.source_language
             for item in unsafe_entries(language_catalogs(project.locale_dir, code))]
    for item in found:
        say(f"{relative(item.path, project)}:{item.line}: {item.problem}")
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more, listed above)" if len(found) > 1 else ""
        raise MmnError(f"Unsafe translation at {relative(first.path, project)}:{first.line}: {first.problem}{more}. "
                       "Nothing was built.")


def _build_pdfs(project, codes: list[str], jobs: int | None, readiness=None) -> list[str]:
    """Print the PDFs; the languages in which one failed."""
    def report(result: PdfResult) -> None:
        state = ("printed" if result.printed else "up to date") if result.ok else "FAILED"
        say(f"{state} {result.language}: {relative(result.output, project)}")
        for line in result.warnings:
            say(f"  {line}")

    results = build_pdfs(project, codes, pdf_documents(project, codes, readiness), jobs=jobs, on_done=report)
    return sorted({f"{result.language} (pdf)" for result in results if not result.ok})
