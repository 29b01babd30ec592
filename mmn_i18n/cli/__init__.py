"""The `mmn-i18n` command line: parse options, call the core, print, exit."""
from __future__ import annotations

import importlib

import click

# Each command's module is imported only when that command runs: Sphinx,
# docutils and WeasyPrint cost half a second to import, and `coverage` or
# `languages` should not pay for them.
COMMANDS = {
    "languages": "catalog",
    "init": "catalog",
    "extract": "catalog",
    "update": "catalog",
    "build": "build",
    "status": "status",
    "coverage": "coverage",
    "report": "coverage",
    "check": "check",
    "fix": "check",
    "glossary": "glossary",
    "review": "review",
    "tm": "tm",
    "serve": "serve",
    "users": "serve",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f".{COMMANDS[name]}", __name__), name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


def main() -> None:
    cli(obj={})
