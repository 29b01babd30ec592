"""The `mmn-i18n` command line: parse options, call the core, print, exit."""
from __future__ import annotations

import click

from .build import build
from .status import status
from .check import check, fix
from .catalog import extract, init, languages, update
from .coverage import coverage, report
from .glossary import glossary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", "project_dir", type=click.Path(file_okay=False, exists=True),
              help="Project folder (default: the one containing the working directory).")
@click.version_option(package_name="mmn-i18n")
@click.pass_context
def cli(ctx: click.Context, project_dir: str | None) -> None:
    """Translate and publish the network's publications in seven languages.

    \b
    Example, a translator's round trip:
      mmn-i18n extract && mmn-i18n update --lang th
      (edit locale/th/LC_MESSAGES/*.po in Poedit)
      mmn-i18n build --format html --lang th

    Exit codes: 0 ok, 1 the command found problems, 2 it could not run.
    """
    ctx.ensure_object(dict)
    ctx.obj["project_dir"] = project_dir


cli.add_command(languages)
cli.add_command(init)
cli.add_command(extract)
cli.add_command(update)
cli.add_command(build)
cli.add_command(status)
cli.add_command(coverage)
cli.add_command(report)
cli.add_command(check)
cli.add_command(fix)
cli.add_command(glossary)


def main() -> None:
    cli(obj={})
