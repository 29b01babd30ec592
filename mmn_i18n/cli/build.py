"""The build command: per-language HTML sites (and PDFs)."""
from __future__ import annotations

import click

from ..build import BuildResult, build_html
from .check import refuse_languages_with_errors
from .common import current_project, option_lang, relative, say


@click.command(short_help="Build per-language HTML sites.")
@click.option("--format", "formats", type=click.Choice(["html"]), multiple=True,
              help="Output format (repeatable). Default: html.")
@option_lang
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Languages built at once. Default: one per core.")
@click.option("--strict", is_flag=True, help="Refuse to build a language whose catalogs have check errors.")
@click.pass_context
def build(ctx: click.Context, formats: tuple[str, ...], langs: tuple[str, ...], jobs: int | None,
          strict: bool = False) -> None:
    """Build the English site and one site per language under _build/html/<lang>/.

    \b
    Example:
      mmn-i18n build --format html --lang th
    """
    project = current_project()
    selected = [lang.code for lang in project.select_languages(langs)]
    codes = selected if langs else [project.source_language, *selected]
    refused = refuse_languages_with_errors(project, codes) if strict else []
    codes = [code for code in codes if code not in refused]

    def report(result: BuildResult) -> None:
        state = "built" if result.ok else "FAILED"
        say(f"{state} {result.language}: {relative(result.output, project)}")
        for line in result.warnings:
            say(f"  {line}")

    results = build_html(project, codes, jobs=jobs, on_done=report)
    failed = [result.language for result in results if not result.ok]
    if failed:
        raise click.ClickException(f"The build failed for: {', '.join(failed)} (see the lines above).")
    if refused:
        raise click.ClickException(f"Not built because of check errors: {', '.join(refused)}. "
                                   "Run `mmn-i18n check --lang <code>` and fix them.")
