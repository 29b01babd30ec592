"""The check and fix commands: report translation problems, repair what is safe."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ...gettext.checks import CHECKS, check_files, project_termbase, selected_checks
from ...gettext.checks.config import CheckSettings, settings_from_project
from ...gettext.checks.runner import select_catalogs
from ...errors import MmnError, shown_path
from ...project import ProjectNotFound
from ...languages import get_language
from .common import current_project, option_lang, say, terminal_progress

option_locale_dir = click.option(
    "--locale-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of <lang>/LC_MESSAGES/*.po catalogs. Default: the project's locale folder.",
)


def _catalogs(langs: tuple[str, ...], locale_dir: Path | None, paths: tuple[Path, ...]) -> list[Path]:
    """The catalogs to check: PATHS, else --locale-dir, else the project's, per language."""
    project = current_project() if not paths and locale_dir is None else None
    return select_catalogs(langs, locale_dir, paths, project)


def _project():
    try:
        return current_project()
    except ProjectNotFound:
        return None  # checking catalogs outside a project: no vocabulary, no settings


def _termbase():
    project = _project()
    return project_termbase(project) if project is not None else None


def _list(settings: CheckSettings, output_format: str) -> None:
    """Every check with its severity here and whether this tree changes it."""
    rows = []
    for item in CHECKS.values():
        severity = settings.severities.get(item.id, item.severity.value)
        if item.id in settings.disabled:
            note = f"disabled by {settings.origin.get(item.id, 'configuration')}"
        elif item.id in settings.severities and severity != item.severity.value:
            note = f"{severity} by {settings.origin.get(item.id, 'configuration')} (default {item.severity.value})"
        else:
            note = ""
        rows.append((item, severity, note))
    if output_format == "json":
        click.echo(json.dumps([{"id": item.id, "severity": severity, "default_severity": item.severity.value,
                                "enabled": item.id not in settings.disabled, "setting": note,
                                "summary": item.summary, "description": " ".join(item.description.split())}
                               for item, severity, note in rows], ensure_ascii=False, indent=2))
        return
    width = max(map(len, CHECKS))
    for item, severity, note in rows:
        shown_severity = "off" if item.id in settings.disabled else severity
        click.echo(f"{item.id:<{width}}  {shown_severity:<7}  {item.summary}" + (f"  [{note}]" if note else ""))


@click.command(short_help="Check translations for problems translators can fix.")
@option_lang
@option_locale_dir
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="text: one line per finding; json: a list of objects.")
@click.option("-c", "--check", "check_ids", multiple=True, metavar="ID",
              help="Run only this check (repeatable). See --list.")
@click.option("--disable", "disabled", multiple=True, metavar="ID",
              help="Do not run this check (repeatable); added to [tool.mmn-i18n.checks] disable.")
@click.option("--list", "list_checks", is_flag=True,
              help="List the checks, with this tree's settings, and exit.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to use. Default: one per core.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def check(ctx: click.Context, langs: tuple[str, ...], locale_dir: Path | None, output_format: str,
          check_ids: tuple[str, ...], disabled: tuple[str, ...], list_checks: bool, jobs: int | None,
          paths: tuple[Path, ...]) -> None:
    """Check translated catalogs and print `path:line: severity [check-id] message`.

    Fuzzy and untranslated entries are skipped. Silence one check on one entry
    with the translator comment `# mmn-ignore: <check-id>` above it. Turn
    checks off or change their severity for the whole tree in pyproject.toml:

    \b
      [tool.mmn-i18n.checks]
      disable = ["untranslated"]
      severity = {numbers = "warning"}

    \b
    Examples:
      mmn-i18n check --lang th
      mmn-i18n check locale/my/LC_MESSAGES/about.po --format json
      mmn-i18n check --list

    Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 could not run.
    """
    project = _project()
    settings = settings_from_project(project).with_disabled(disabled)
    if list_checks:
        _list(settings, output_format)
        return
    selected_checks(check_ids or None)
    files = _catalogs(langs, locale_dir, paths)
    if not files:
        raise MmnError("No .po catalogs to check. Run `mmn-i18n update` first, or name the files.")
    findings = check_files(files, check_ids or None, termbase=project_termbase(project) if project else None,
                           jobs=jobs, settings=settings, progress=terminal_progress("checking catalogs"))
    if output_format == "json":
        click.echo(json.dumps([finding.as_dict(shown_path(finding.path)) for finding in findings],
                              ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(f"{shown_path(finding.path)}:{finding.line}: {finding.severity.value} "
                       f"[{finding.check}] {finding.message}")
    errors = sum(finding.is_error for finding in findings)
    warnings = len(findings) - errors
    say(f"{errors} error(s), {warnings} warning(s) in {len(files)} catalog(s)." if findings
        else f"No findings in {len(files)} catalog(s).")
    if errors:
        ctx.exit(1)


@click.group(short_help="Repair catalogs automatically where it is safe.")
def fix() -> None:
    """Repair catalogs automatically; every change is flagged fuzzy for review.

    \b
    Example:
      mmn-i18n fix zawgyi --lang my --dry-run
    """


@fix.command("zawgyi", short_help="Convert Zawgyi-encoded translations to Unicode.")
@option_lang
@option_locale_dir
@click.option("--include-short", is_flag=True,
              help="Also convert short texts the detector is unsure about.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def fix_zawgyi_command(langs: tuple[str, ...], locale_dir: Path | None, include_short: bool,
                       dry_run: bool, paths: tuple[Path, ...]) -> None:
    """Convert Burmese/Shan translations typed in Zawgyi to Unicode.

    Each converted entry is flagged fuzzy and keeps its original text in a
    translator comment. Default: the my and shn catalogs of the project.

    \b
    Example:
      mmn-i18n fix zawgyi --lang my
    """
    from ...gettext.fix import fix_zawgyi_files

    if not paths and not langs and locale_dir is None:
        project = current_project()
        langs = tuple(code for code in project.language_codes if get_language(code).script == "Mymr")
    files = _catalogs(langs, locale_dir, paths)
    total = 0
    for result in fix_zawgyi_files(files, include_short=include_short, dry_run=dry_run):
        path = result.path
        for conversion in result.converted:
            click.echo(f"{shown_path(path)}:{conversion.line}: converted to Unicode (now fuzzy): "
                       f"{conversion.after[:60]}")
        for line, reason in result.skipped:
            click.echo(f"{shown_path(path)}:{line}: left as is: {reason}")
        total += len(result.converted)
    verb = "would convert" if dry_run else "converted"
    say(f"{verb} {total} translation(s) in {len(files)} catalog(s).")
