"""What every command shares: the project, the --lang option, progress and diagnostic lines."""
from __future__ import annotations

import sys

import click

from ...project import Project, load_project

option_lang = click.option(
    "-l", "--lang", "langs", multiple=True, metavar="LANG",
    help="Language code (repeatable: -l th -l lo). Default: all of the project's languages.",
)


def current_project(ctx: click.Context | None = None) -> Project:
    """The project found from --project or the working directory (loaded once)."""
    ctx = (ctx or click.get_current_context()).find_root()
    ctx.ensure_object(dict)
    if "project" not in ctx.obj:
        ctx.obj["project"] = load_project(ctx.obj.get("project_dir"))
    return ctx.obj["project"]


def terminal_progress(what: str):
    """A progress(done, total) callback drawing one line on stderr, only on a terminal."""
    stream = sys.stderr
    if not stream.isatty():
        return None

    def progress(done: int, total: int) -> None:
        # One line rewritten in place, erased at the end so the output that follows is clean.
        stream.write(f"\r{what} {done}/{total}" + ("\r\033[K" if done == total else ""))
        stream.flush()
    return progress


def say(message: str) -> None:
    """A progress or diagnostic line: stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)
