"""What every command shares: the project, the --lang option, progress output."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

import click

from ...project import Project, load_project

T = TypeVar("T")

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


def progress(items: Iterable[T], label: str, length: int | None = None) -> Iterator[T]:
    """A progress bar on a terminal; plain lines in CI and pipes."""
    if sys.stderr.isatty():
        with click.progressbar(items, label=label, length=length, file=sys.stderr) as bar:
            yield from bar
    else:
        yield from items


def say(message: str) -> None:
    """A progress or diagnostic line: stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)


def relative(path: Path, project: Project) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)
