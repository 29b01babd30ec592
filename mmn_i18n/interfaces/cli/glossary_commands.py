"""`mmn-i18n glossary ...`: export, import and look up the vocabulary on migration."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from ...gettext.glossary import load_termbase
from ...gettext.glossary.lookup import EXACT, lookup as find_entries
from ...gettext.glossary.spreadsheet import export_csv, import_csv, write_export
from ...gettext.glossary.tbx import export_tbx
from ...gettext.textwidth import display_width, pad
from ...languages import get_language
from ...errors import shown_path
from .common import current_project, option_lang, say


@click.group(short_help="Export, import and look up the vocabulary on migration.")
def glossary() -> None:
    """The vocabulary on migration (glossary/terms.csv plus the vocabulary catalogs).

    \b
    Examples:
      mmn-i18n glossary lookup แรงงานเถื่อน
      mmn-i18n glossary export --format tbx -o vocabulary.tbx
      mmn-i18n glossary export --format csv --lang th --lang lo -o vocabulary.csv
      mmn-i18n glossary import vocabulary.csv
    """


@glossary.command(short_help="Write the termbase as TBX-Basic or a CSV spreadsheet.")
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2", "tbx-basic", "csv"]), default="tbx",
              show_default=True,
              help="tbx (or tbx2): TBX-Basic v2 (<martif>), what the Translate Toolkit, Weblate and CAT tools "
                   "read; tbx-basic: TBX-Basic of ISO 30042:2019 (TBX v3); csv: spreadsheet.")
@option_lang
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--include-fuzzy", is_flag=True, help="Also export translations not yet reviewed.")
def export(fmt: str, langs: tuple[str, ...], output: Path | None, include_fuzzy: bool) -> None:
    """Export terms, definitions and examples in English and the chosen languages.

    TBX follows TBX-Basic in its 2008 edition (<martif>), which the Translate
    Toolkit and CAT tools read; --format tbx-basic writes the ISO 30042:2019
    edition (TBX v3) instead. CSV is UTF-8 with a BOM,
    one column per language, ready for a spreadsheet program.
    """
    project = current_project()
    chosen = {language.code for language in project.select_languages(langs)}
    codes = [code for code in project.language_codes if code in chosen]  # project order, always
    termbase = load_termbase(project)
    if fmt in ("tbx", "tbx2", "tbx-basic"):
        data = export_tbx(termbase, codes, include_fuzzy, dialect=fmt)
    else:
        data = export_csv(termbase, codes, include_fuzzy).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        return
    write_export(data.decode("utf-8"), output)
    say(f"wrote {shown_path(output.resolve(), project.root)} ({len(termbase.terms)} terms, {', '.join(['en', *codes])})")


@glossary.command("import", short_help="Take an edited CSV spreadsheet back into the catalogs.")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fuzzy", is_flag=True, help="Mark imported translations as fuzzy (not yet reviewed).")
def import_(csv_file: Path, fuzzy: bool) -> None:
    """Add and update translations from CSV_FILE (as written by `glossary export --format csv`).

    Empty cells never remove a translation. Prints one line per change.

    \b
    Example:
      mmn-i18n glossary export --format csv -o vocabulary.csv
      (edit vocabulary.csv in a spreadsheet program)
      mmn-i18n glossary import vocabulary.csv
    """
    project = current_project()
    termbase = load_termbase(project)
    changes = import_csv(termbase, csv_file, project.locale_dir, list(project.language_codes), fuzzy)
    for change in changes:
        line = f"{change.kind:<8} {change.language:<6} {change.term_id} ({change.part}): {change.new}"
        if change.kind == "updated":
            line += f"  [was: {change.old}]"
        click.echo(line)
    counts = Counter(change.kind for change in changes)
    languages = sorted({change.language for change in changes})
    say(f"{counts['added']} added, {counts['updated']} updated"
        + (f" in {', '.join(languages)}" if languages else "") + "; nothing removed.")


@glossary.command(short_help="Find entries by a term or a term to avoid, in any language.")
@click.argument("text")
@click.option("--limit", default=5, show_default=True, help="Show at most this many entries.")
def lookup(text: str, limit: int) -> None:
    """Find entries whose term, in any language, matches TEXT.

    Case, spacing and diacritics do not matter ("lao dong di cu" finds
    "lao động di cư"; Thai and Lao tone marks may be left out). A term to avoid shows the term to use instead.
    Exit code 1 when nothing matches.

    \b
    Example:
      mmn-i18n glossary lookup แรงงานเถื่อน
    """
    project = current_project()
    termbase = load_termbase(project)
    hits = find_entries(termbase, text, limit=limit * 3)
    shown: list[str] = []
    for hit in hits:
        if hit.term_id in shown:
            continue
        shown.append(hit.term_id)
        if len(shown) > limit:
            break
        term = termbase.term(hit.term_id)
        how = "" if hit.rank == EXACT else " (partial match)"
        if hit.kind == "avoided":
            click.echo(f"AVOID {hit.matched!r} ({hit.language}){how}: use {hit.preferred!r}"
                       + (f". {hit.note}" if hit.note else ""))
        click.echo(f"{term.term} [{term.id}]{how if hit.kind == 'term' else ''}: {term.definition}")
        # names in their own script: padded by terminal cells, not characters
        name_width = max(16, *(display_width(get_language(code).native_name) for code in project.language_codes))
        for code in project.language_codes:
            reviewed = termbase.translation(term.id, code)
            draft = termbase.translation(term.id, code, include_fuzzy=True)
            if draft:
                marker = "" if reviewed else "  (fuzzy: not reviewed)"
                click.echo(f"  {code:<6} {pad(get_language(code).native_name, name_width)} {draft}{marker}")
            else:
                click.echo(f"  {code:<6} {pad(get_language(code).native_name, name_width)} -")
        definition = termbase.translation(term.id, hit.language, "definition") if hit.language != "en" else ""
        if definition:
            click.echo(f"  {hit.language}: {definition}")
    if not shown:
        click.echo(f"No entry matches {text!r}.")
        raise SystemExit(1)
