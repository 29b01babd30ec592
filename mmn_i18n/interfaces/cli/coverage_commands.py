"""The coverage and report commands: how much of each catalog is translated."""
from __future__ import annotations

import csv
import io
import json
import math
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import click

from ...gettext.coverage import CatalogCoverage, Counts, Coverage, default_jobs, floor_percent, language_folders, measure
from ...errors import MmnError, shown_path
from ...languages import UnknownLanguage, get_language
from ...project import ProjectNotFound
from .common import current_project, option_lang, say

TABLE_WIDTH = 80
LABEL_WIDTH = 19
BAR_WIDTH = 8
CSV_FIELDS = ["path", "language", "document", "translated", "fuzzy", "untranslated", "total",
              "words_translated", "words_fuzzy", "words_untranslated", "words_total", "percent", "words_percent",
              "reviewed", "reviewed_percent"]

option_locale_dir = click.option(
    "--locale-dir", type=click.Path(file_okay=False, path_type=Path),
    help="A sphinx-intl locale folder (DIR/<lang>/LC_MESSAGES/**/*.po) instead of the project's.")
option_document = click.option(
    "-d", "--document", "documents", multiple=True, metavar="PATTERN",
    help="Only documents matching this name or shell pattern (repeatable: -d 'statement-*').")
option_jobs = click.option("-j", "--jobs", type=click.IntRange(min=1),
                           help="Processes reading catalogs. Default: one per core.")


def language_name(code: str) -> str:
    """A short English name: "Chinese", the code already says zh_CN."""
    try:
        return get_language(code).english_name.split(" (")[0]
    except UnknownLanguage:
        return ""  # --locale-dir may hold codes CLDR does not know


def collect(locale_dir: Path | None, langs: tuple[str, ...], patterns: tuple[str, ...],
            jobs: int | None) -> tuple[Coverage, Path]:
    """Count the selected catalogs; also returns the folder paths are shown relative to."""
    if locale_dir is None:
        project = current_project()
        codes = [language.code for language in project.select_languages(langs)]
        folder, shown_from = project.locale_dir, project.root
    else:
        folder, shown_from = locale_dir, Path.cwd()
        if not folder.is_dir():
            raise MmnError(f"{folder}: no such folder. Pass --locale-dir a folder holding <lang>/LC_MESSAGES/*.po.")
        present = language_folders(folder)
        missing = [code for code in langs if code not in present]
        if missing:
            raise MmnError(f"{folder}: no {', '.join(missing)} folder with LC_MESSAGES. "
                           f"Languages found: {', '.join(present) or 'none'}.")
        codes = list(langs) or present
    coverage = measure(folder, codes, jobs=jobs or default_jobs())
    if patterns:
        keep = [c for c in coverage.catalogs if any(fnmatchcase(c.document, p) for p in patterns)]
        if not keep:
            raise MmnError(f"No document matches {' '.join(patterns)}. Documents: {', '.join(coverage.documents)}.")
        coverage = Coverage(coverage.locale_dir, coverage.languages, tuple(keep), coverage.problems)
    if not coverage.catalogs and not coverage.problems:
        raise MmnError(f"{folder}: no catalogs found (expected {folder}/<lang>/LC_MESSAGES/*.po). "
                       "Run `mmn-i18n update` to create them, or pass --locale-dir.")
    return coverage, shown_from


def bar(counts: Counts, width: int = BAR_WIDTH) -> str:
    """Translated, then fuzzy, then untranslated, in proportion."""
    ascii_only = (sys.stdout.encoding or "").lower().replace("-", "") != "utf8"
    full, half, empty = ("#", "~", ".") if ascii_only else ("█", "▒", "░")
    if not counts.total:
        return full * width
    # Rounded down like the percentages: a full bar means complete, and any
    # message left untranslated leaves at least one empty cell.
    done = math.floor(width * counts.translated / counts.total)
    fuzzy = math.floor(width * (counts.translated + counts.fuzzy) / counts.total) - done
    fuzzy = max(0, min(fuzzy, width - done))
    return full * done + half * fuzzy + empty * (width - done - fuzzy)


def words_done(counts: Counts) -> str:
    if counts.words_total < 100_000:
        return f"{counts.words_translated}/{counts.words_total}"
    return f"{counts.words_translated // 1000}k/{counts.words_total // 1000}k"  # fits the column


def table_row(label: str, counts: Counts) -> list[str]:
    words = words_done(counts)
    numbers = (f"{counts.translated:>6} {counts.fuzzy:>6} {counts.untranslated:>6} {counts.reviewed:>8} {words:>13} "
               f"{floor_percent(counts.percent):>5.1f}% {bar(counts)}")
    if len(label) > LABEL_WIDTH:  # a long name gets its own line rather than being cut
        return [label, f"{'':<{LABEL_WIDTH}} {numbers}"]
    return [f"{label:<{LABEL_WIDTH}} {numbers}"]


def render_table(coverage: Coverage, by: str) -> str:
    heading = f"{'Language' if by == 'language' else 'Document / language':<{LABEL_WIDTH}} " \
              f"{'Done':>6} {'Fuzzy':>6} {'Todo':>6} {'Reviewed':>8} {'Words done':>13} {'%':>6} Progress"
    lines = [heading, "-" * min(TABLE_WIDTH, len(heading) + BAR_WIDTH - len("Progress"))]
    if by == "language":
        totals = coverage.by_language()
        present = {catalog.language for catalog in coverage.catalogs}
        for code, counts in totals.items():
            label = f"{code} {language_name(code)}".rstrip()
            if code in present:
                lines += table_row(label, counts)
            else:
                lines.append(f"{label:<{LABEL_WIDTH}} no catalogs")
        if len(totals) > 1:
            lines += table_row("all languages", sum(totals.values(), Counts()))
    else:
        for document, row in coverage.by_document().items():
            lines.append(document)
            for code in coverage.languages:
                if code in row:
                    lines += table_row(f"  {code} {language_name(code)}".rstrip(), row[code])
    lines.append("Done and Todo count messages; words are English source words; "
                 "fuzzy is not done;\nReviewed: done messages a second reader approved (mmn-i18n review).")
    return "\n".join(lines)


def catalog_record(catalog: CatalogCoverage, base: Path) -> dict:
    return {"path": shown_path(catalog.path, base), "language": catalog.language, "document": catalog.document,
            **catalog.counts.as_dict()}


def render_json(coverage: Coverage, base: Path) -> str:
    return json.dumps({
        "locale_dir": shown_path(coverage.locale_dir, base),
        "catalogs": [catalog_record(catalog, base) for catalog in coverage.catalogs],
        "languages": {code: {"catalogs": sum(1 for c in coverage.catalogs if c.language == code), **counts.as_dict()}
                      for code, counts in coverage.by_language().items()},
        "documents": {document: {code: counts.as_dict() for code, counts in row.items()}
                      for document, row in coverage.by_document().items()},
        "errors": [{"path": shown_path(problem.path, base), "line": problem.line, "problem": problem.problem,
                    "fix": problem.fix}
                   for problem in coverage.problems],
    }, ensure_ascii=False, indent=2)


def render_csv(coverage: Coverage, base: Path) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for catalog in coverage.catalogs:
        writer.writerow(catalog_record(catalog, base))
    return out.getvalue()


def say_problems(coverage: Coverage, base: Path) -> None:
    """One line per unreadable catalog, on stderr: path:line: problem, and what to do."""
    for problem in coverage.problems:
        where = shown_path(problem.path, base) + (f":{problem.line}" if problem.line else "")
        say(f"{where}: {problem.problem} {problem.fix or 'Fix it.'} Not counted.")


def below(coverage: Coverage, by: str, threshold: float) -> list[str]:
    """What falls short of --fail-under, as "th 85.2%" or "about (km) 40.0%".

    A selected language, or a document in a selected language, that has no
    catalog at all falls short too: nothing of it is translated.
    """
    present = {catalog.language for catalog in coverage.catalogs}
    if by == "language":
        return [f"{code} {floor_percent(counts.percent)}%" if code in present else f"{code} (no catalogs)"
                for code, counts in coverage.by_language().items()
                if code not in present or counts.percent < threshold]
    short = []
    for document, row in coverage.by_document().items():
        for code in coverage.languages:
            if code not in row:
                short.append(f"{document} ({code}) no catalog")
            elif row[code].percent < threshold:
                short.append(f"{document} ({code}) {floor_percent(row[code].percent)}%")
    return short


@click.command(short_help="Show how much of each language (or document) is translated.")
@option_lang
@option_locale_dir
@option_document
@click.option("--by", type=click.Choice(["language", "document"]), default="language", show_default=True,
              help="Table rows and --fail-under per language, or per document and language "
                   "(JSON and CSV always hold both).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 if a language (with --by document: a document in a language) has fewer "
                   "translated messages than this percentage, or no catalog.")
@option_jobs
def coverage(langs: tuple[str, ...], locale_dir: Path | None, documents: tuple[str, ...], by: str,
             fmt: str, fail_under: float | None, jobs: int | None) -> None:
    """Count translated, fuzzy and untranslated messages (and English words).

    The counts are those of `msgfmt --statistics`: the header and obsolete
    entries are not counted, fuzzy is not translated, a plural entry counts
    once. Percentages are translated messages over all messages.

    \b
    Examples:
      mmn-i18n coverage                       # one row per language
      mmn-i18n coverage --by document -l km   # which documents are ready in Khmer
      mmn-i18n coverage -l th -d 'statement-*' --by document --fail-under 100
      mmn-i18n coverage --locale-dir ../other/locale --format json

    Exit codes: 0 ok; 1 something is below --fail-under; 2 the command could
    not run, or some catalog could not be read (it is named with its line and
    left out of the counts; the others are still counted).
    """
    result, base = collect(locale_dir, langs, documents, jobs)
    if fmt == "json":
        click.echo(render_json(result, base))
    elif fmt == "csv":
        click.echo(render_csv(result, base), nl=False)
    else:
        click.echo(render_table(result, by))
    say_problems(result, base)
    if result.problems:
        raise MmnError(f"{len(result.problems)} catalog(s) could not be read; the counts above leave them out.")
    if fail_under is not None:
        short = below(result, by, fail_under)
        if short:
            raise click.ClickException(f"Below {fail_under:g}% translated: {', '.join(short)}.")


@click.command(short_help="Write the translation status page (HTML) and SVG badges.")
@option_lang
@option_locale_dir
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into. Default: _build/coverage/ of the project.")
def report(langs: tuple[str, ...], locale_dir: Path | None, output: Path | None) -> None:
    """Write index.html (progress per language, document x language matrix)
    and coverage-<lang>.svg badges. The page needs no network to be viewed.

    \b
    Example:
      mmn-i18n report --output _build/coverage
    """
    from ...publishing.status_page import write_coverage_report  # the HTML writer is only needed here

    result, base = collect(locale_dir, langs, (), None)
    if output is None:
        try:
            output = current_project().build_dir / "coverage"
        except ProjectNotFound:  # --locale-dir outside any project
            output = Path("_build") / "coverage"
    index = write_coverage_report(result, output)
    say_problems(result, base)
    say(f"wrote {shown_path(index, base)} and {len(result.by_language())} badge(s) coverage-<lang>.svg")
    if result.problems:
        raise MmnError(f"{len(result.problems)} catalog(s) could not be read; the report lists them instead.")
