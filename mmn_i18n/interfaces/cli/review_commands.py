"""The review command: record a second reader's approval, list what waits for one."""
from __future__ import annotations

import json

import click

from ...gettext.review import approve as approve_entries
from ...gettext.review import waiting
from ...errors import shown_path
from .common import current_project, say


@click.group(short_help="Approve translations after a second reading; list what waits.")
def review() -> None:
    """A second reader approves the exact current translation of entries.

    The approval is a translator comment in the catalog
    (`# mmn-reviewed: NAME, DATE, HASH`); it is void as soon as the English
    or the translation changes. Readiness rules can require it
    (min_reviewed_percent in [tool.mmn-i18n.readiness]).

    \b
    Examples:
      mmn-i18n review list --lang th --document statement-migrants-day-2015
      mmn-i18n review approve --lang th --document statement-migrants-day-2015 --all --by "Nang Seng"
    """


@review.command(short_help="Record that NAME read these translations against the English.")
@click.option("-l", "--lang", required=True, metavar="LANG", help="Language code, e.g. th.")
@click.option("-d", "--document", required=True, metavar="DOCNAME", help="Document, e.g. statement-migrants-day-2015.")
@click.option("--msgid", "msgids", multiple=True, metavar="TEXT",
              help="English of an entry to approve, exactly as in the catalog (repeatable).")
@click.option("--all", "approve_all", is_flag=True, help="Every finished (translated, not fuzzy) entry.")
@click.option("--by", required=True, metavar="NAME", help="Who read it (no commas).")
def approve(lang: str, document: str, msgids: tuple[str, ...], approve_all: bool, by: str) -> None:
    """Approve entries of one catalog. Fuzzy or untranslated entries cannot be
    approved: naming one stops the command with no file changed; --all
    leaves them out and says how many.

    \b
    Example:
      mmn-i18n review approve -l km -d press-release-women-health --msgid "Press release" --by Sokha
    """
    if approve_all == bool(msgids):
        raise click.UsageError("Give either --msgid TEXT (repeatable) or --all.")
    project = current_project()
    result = approve_entries(project, lang, document, None if approve_all else list(msgids), by)
    where = shown_path(result.path, project.root)
    say(f"{where}: {len(result.approved)} approved by {' '.join(by.split())}"
        + (f", {len(result.already)} already approved" if result.already else "")
        + (f", {len(result.skipped)} fuzzy or untranslated left for the translator" if result.skipped else "")
        + ".")


@review.command("list", short_help="Show the finished translations that wait for review.")
@click.option("-l", "--lang", required=True, metavar="LANG", help="Language code, e.g. th.")
@click.option("-d", "--document", metavar="DOCNAME", help="Only this document. Default: all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(lang: str, document: str | None, fmt: str) -> None:
    """List translated, non-fuzzy entries without a valid approval, as
    path:line: English => translation (a stale approval is named).

    \b
    Example:
      mmn-i18n review list -l th --format json
    """
    project = current_project()
    entries = waiting(project, lang, document)
    if fmt == "json":
        click.echo(json.dumps([dict(entry.as_dict(), path=shown_path(entry.path, project.root)) for entry in entries],
                              ensure_ascii=False, indent=2))
        return
    for entry in entries:
        stale = "".join(f" [approval by {a.name} on {a.date} is for an earlier text]" for a in entry.stale)
        click.echo(f"{shown_path(entry.path, project.root)}:{entry.line}: {_one_line(entry.msgid)} => "
                   f"{_one_line(entry.msgstr)}{stale}")
    say(f"{len(entries)} translation(s) wait for review." if entries else "Nothing waits for review.")


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")
