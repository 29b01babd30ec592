"""The build command: per-language HTML sites (and PDFs), through mmn_i18n.publishing.publish."""
from __future__ import annotations

import click

from ...errors import CommandFailed, Problem, shown_path
from ...publishing.html import BuildResult
from ...publishing.pdf import PdfResult
from ...publishing.publish import Refusal, Written, publish
from .common import current_project, option_lang, say, terminal_progress


@click.command(short_help="Build per-language HTML sites and PDFs.")
@click.option("--format", "formats", type=click.Choice(["html", "pdf"]), multiple=True,
              help="Output format (repeatable: --format html --format pdf). Default: html.")
@option_lang
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Languages built at once. Default: one per core.")
@click.option("--strict", is_flag=True, help="Refuse to build a language whose catalogs have check errors.")
def build(formats: tuple[str, ...], langs: tuple[str, ...], jobs: int | None, strict: bool = False) -> None:
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

    def show(step) -> None:
        """One part of the report, as soon as the core knows it."""
        if isinstance(step, Refusal):
            say(f"refusing {step.language}: {len(step.errors)} check error(s) in its catalogs, e.g.")
            for finding in step.errors[:5]:
                say(f"  {shown_path(finding.path)}:{finding.line}: [{finding.check}] {finding.message}")
        elif isinstance(step, Problem):
            say(str(step))
        elif isinstance(step, BuildResult):
            state = ("up to date" if step.up_to_date else "built") if step.ok else "FAILED"
            say(f"{state} {step.language}: {shown_path(step.output, project.root)}")
            for line in step.report_lines:
                say(f"  {line}")
            for page in step.withdrawn:
                say(f"  not published: {shown_path(step.output / page, project.root)} "
                    "shows a markup error (fix the problem above)")
        elif isinstance(step, PdfResult):
            state = ("printed" if step.printed else "up to date") if step.ok else "FAILED"
            say(f"{state} {step.language}: {shown_path(step.output, project.root)}")
            for line in step.warnings:
                say(f"  {line}")
        elif isinstance(step, Written):
            say(f"wrote {shown_path(step.path, project.root)}")

    report = publish(project, langs, formats, jobs=jobs, strict=strict, on_step=show,
                     progress=terminal_progress("building sites"))
    if report.failed:
        raise CommandFailed(f"The build failed for: {', '.join(report.failed)} (see the lines above).")
    if report.refused:
        raise CommandFailed(f"Not built because of check errors: {', '.join(r.language for r in report.refused)}. "
                            "Run `mmn-i18n check --lang <code>` and fix them.")
