"""The tm command: suggestions from the translation memory, search by words, TMX in and out."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ...textfiles import write_text_atomically
from ...errors import shown_path
from .common import current_project, option_lang, say


@click.group(short_help="Translation memory: suggest, search, export and import TMX.")
def tm() -> None:
    """The translation memory holds every translation of every catalog (fuzzy
    ones marked) and the TMX files imported into tm/imported/. It is cached
    in _build/tm/ and rebuilt for the catalogs that changed.

    \b
    Examples:
      mmn-i18n tm suggest --lang th "Migrant workers have rights."
      mmn-i18n tm search --lang th แรงงาน
      mmn-i18n tm export --format tmx -o memory.tmx
      mmn-i18n tm import other-project.tmx
    """


def _language(lang: str) -> str:
    return current_project().select_languages([lang])[0].code


def _memory():
    from ...gettext.tm import TranslationMemory

    return TranslationMemory.load(current_project())


@tm.command(short_help="The best translations of similar English.")
@click.option("-l", "--lang", required=True, metavar="LANG", help="Language code, e.g. th.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("text")
def suggest(lang: str, limit: int, fmt: str, text: str) -> None:
    """Translations of English like TEXT, best first, each with its similarity
    (0-100), its document and whether it was reviewed.

    \b
    Example:
      mmn-i18n tm suggest -l km "Statement of the Mekong Migration Network" --format json
    """
    code = _language(lang)
    found = _memory().suggest(code, text, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for item in found:
        state = "reviewed" if item["reviewed"] else "fuzzy" if item["fuzzy"] else ""
        click.echo(f"{item['score']:5.1f}  {item['translation']}")
        click.echo(f"       {item['source']}  ({item['document']}{', ' + state if state else ''})")
    if not found:
        say(f"No translation in {code} of English similar to that text.")


@tm.command(short_help="Translations containing these words as words.")
@click.option("-l", "--lang", required=True, metavar="LANG", help="Language code, e.g. th.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("words", nargs=-1, required=True)
def search(lang: str, fmt: str, words: tuple[str, ...]) -> None:
    """Find translations holding WORDS as whole words, in that order: word
    boundaries from ICU for Thai, Lao, Khmer and Burmese, syllables for Shan,
    jieba for Chinese. A Zawgyi query is also searched in Unicode.

    \b
    Example:
      mmn-i18n tm search -l th งาน      (not found inside แรงงาน)
    """
    code = _language(lang)
    found = _memory().search(code, " ".join(words))
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for item in found:
        click.echo(f"{item['document']}: {item['msgstr']}")
        click.echo(f"    {item['msgid']}")
    say(f"{len(found)} translation(s) found.")


@tm.command(short_help="Write the memory as TMX 1.4b.")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@option_lang
def export(fmt: str, output: Path | None, langs: tuple[str, ...]) -> None:
    """Export every finished translation (fuzzy ones left out) as TMX 1.4b,
    with each unit's document and review state as properties.

    \b
    Example:
      mmn-i18n tm export --format tmx -o memory.tmx --lang th
    """
    from ...gettext.tm.exchange import export_tmx

    project = current_project()
    codes = [language.code for language in project.select_languages(langs)]
    data, count = export_tmx(_memory(), codes)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_text_atomically(output, data.decode("utf-8"))
        say(f"wrote {count} unit(s) to {output}")


@tm.command("import", short_help="Add a TMX file's units to the memory (not to the catalogs).")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def import_(file: Path) -> None:
    """Check FILE is TMX and keep a copy in tm/imported/: its units become
    suggestions; catalogs are never changed.

    \b
    Example:
      mmn-i18n tm import omegat-project.tmx
    """
    from ...gettext.tm.exchange import import_tmx

    project = current_project()
    result = import_tmx(project, file)
    if result.unchanged:
        say(f"{file} was already imported as {shown_path(result.stored, project.root)}.")
    else:
        say(f"imported {result.units} unit(s) ({', '.join(result.languages)}) into {shown_path(result.stored, project.root)}.")
