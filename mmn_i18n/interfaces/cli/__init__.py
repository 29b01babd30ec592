"""The `mmn-i18n` command line: parse options, call the core, print, exit."""
from __future__ import annotations

import importlib
import os

import click

from ...errors import MmnError

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
        return getattr(importlib.import_module(f".{COMMANDS[name]}_commands", __name__), name)

    def invoke(self, ctx: click.Context):
        """Run the command; the core's errors become one line and their exit code, never a traceback."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise  # usage errors, or the user's own stop
        except MmnError as error:
            raise as_click(error) from None
        except Exception as error:
            if os.environ.get("MMN_I18N_DEBUG"):
                raise
            raise unexpected(error) from None


class Failure(click.ClickException):
    """A core error as click prints it: its details above, then `Error: <message>`, its exit code."""

    def __init__(self, message: str, exit_code: int, details: tuple[str, ...] = (), prefix: str = "Error: ") -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.details = details
        self.prefix = prefix

    def show(self, file=None) -> None:
        for line in self.details:
            click.echo(line, err=True)
        click.echo(f"{self.prefix}{self.format_message()}", err=True)


# What the command line adds to a core error: the option that helps (the core knows no options).
# By class name: importing the classes here would load the checks (docutils) for every command.
# A hint starting with a comma continues the error's last sentence.
FLAG_HINTS = {
    "ProjectNotFound": ", or pass --project DIR.",
    "UnknownCheck": " Run `mmn-i18n check --list` to see the ids.",
}


def as_click(error: MmnError) -> Failure:
    message = error.message
    hint = next((FLAG_HINTS[kind.__name__] for kind in type(error).__mro__ if kind.__name__ in FLAG_HINTS), "")
    if hint:
        message = (message.rstrip(".") if hint.startswith(",") else message) + hint
    prefix = "mmn-i18n: " if isinstance(error, InternalError) else "Error: "
    return Failure(message, error.exit_code, error.details, prefix)


class InternalError(MmnError):
    """An exception no part of mmn-i18n expected: printed as one line asking for a report."""


def unexpected(error: Exception) -> Failure:
    """The one line for an exception that escaped a command; file system faults by name first."""
    if isinstance(error, OSError) and error.filename is not None:
        from ...textfiles import filesystem_error

        if error.filename2 is not None:  # a rename onto filename2: a write of the file the user knows
            return as_click(filesystem_error(error.filename2, error, "write"))
        return as_click(filesystem_error(error.filename, error))
    message = " ".join(str(error).split()) or "(no message)"
    return as_click(InternalError(f"internal error: {type(error).__name__}: {message} "
                                  "(please report; run with MMN_I18N_DEBUG=1 for the traceback)"))


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
