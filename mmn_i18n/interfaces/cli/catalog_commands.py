"""Commands that manage catalogs: languages, init, extract, update."""
from __future__ import annotations

import json
from collections import Counter

import click
import tomlkit

from ...textfiles import write_text_atomically
from ...gettext.extract import extract as extract_templates
from ...languages import get_language
from ...gettext.merge import update as merge_templates
from ...errors import shown_path
from .common import current_project, option_lang, say, terminal_progress


@click.command(short_help="List the project's languages.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def languages(fmt: str) -> None:
    """List the project's languages with what CLDR says about them.

    \b
    Example:
      mmn-i18n languages --format json
    """
    project = current_project()
    rows = [get_language(project.source_language), *project.languages]
    if fmt == "json":
        click.echo(json.dumps([{
            "code": lang.code, "english_name": lang.english_name, "native_name": lang.native_name,
            "script": lang.script, "html_lang": lang.html_lang, "plural_forms": lang.plural_forms,
            "uses_whitespace": lang.uses_whitespace, "source": lang.code == project.source_language,
        } for lang in rows], ensure_ascii=False, indent=2))
        return
    for lang in rows:
        role = "source" if lang.code == project.source_language else ""
        click.echo(f"{lang.code:<6} {lang.english_name:<28} {lang.native_name:<22} "
                   f"{lang.script_name:<20} {lang.html_lang:<6} {role}".rstrip())


@click.command(short_help="Add a language to the project.")
@click.argument("code")
def init(code: str) -> None:
    """Add language CODE to pyproject.toml and create its catalogs.

    \b
    Example:
      mmn-i18n init km
    """
    project = current_project()
    language = get_language(code)  # refuses codes CLDR does not know, naming close ones
    config_path = project.root / "pyproject.toml"
    document = tomlkit.parse(config_path.read_text(encoding="utf-8"))
    configured = document["tool"]["mmn-i18n"].setdefault("languages", tomlkit.array())
    if code in configured:
        say(f"{code} ({language.english_name}) is already one of the project's languages.")
    else:
        configured.append(code)
        write_text_atomically(config_path, tomlkit.dumps(document))
        say(f"Added {code} ({language.english_name}, {language.native_name}) to {shown_path(config_path, project.root)}.")
    if project.pot_dir.is_dir():
        results = merge_templates(project, [language])
        counts = Counter(result.status for result in results)
        say(f"{code}: {counts['created']} catalog(s) created, {counts['updated']} updated.")
    else:
        say("No templates yet: run `mmn-i18n extract` then `mmn-i18n update`.")


@click.command(short_help="Write message templates (.pot) from the English sources.")
def extract() -> None:
    """Extract translatable messages into locale/pot/<document>.pot.

    Runs Sphinx's gettext builder; a template whose messages did not change
    is left untouched, so git shows no diff.

    \b
    Example:
      mmn-i18n extract
    """
    project = current_project()
    result = extract_templates(project)
    for name in result.written:
        say(f"wrote {shown_path(project.pot_dir / name, project.root)}")
    for name in result.removed:
        say(f"removed {shown_path(project.pot_dir / name, project.root)} (its document is gone)")
    say(f"{len(result.written)} written, {len(result.unchanged)} unchanged, {len(result.removed)} removed.")


@click.command(short_help="Create or update the .po catalogs from the templates.")
@option_lang
def update(langs: tuple[str, ...]) -> None:
    """Merge locale/pot into locale/<lang>/LC_MESSAGES/<document>.po.

    Changed English keeps its old translation as fuzzy (with the previous
    English); removed English is kept as obsolete. No translation is lost.

    \b
    Example:
      mmn-i18n update --lang th --lang lo
    """
    from ...publishing.catalog_update import update_catalogs

    project = current_project()
    done = update_catalogs(project, langs, progress=terminal_progress("Updating catalogs"))
    counts: Counter[str] = Counter()
    filled = 0
    for result in done.results:
        counts[result.status] += 1
        filled += result.filled
        if result.status != "unchanged":
            losses = [f"{n} {what}" for n, what in ((result.went_fuzzy, "went fuzzy (English changed)"),
                                                    (result.went_obsolete, "went obsolete (English gone)"),
                                                    (result.filled, "new entries filled from other documents (fuzzy)")) if n]
            say(f"{result.status} {shown_path(result.path, project.root)}" + (f": {', '.join(losses)}" if losses else ""))
    for item in done.withdrawn:
        reasons = "; ".join(item.reasons)
        say(f"{item.language}: {item.document} will no longer be published in this language"
            + (f" ({reasons})" if reasons else ""))
    say(f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"
        + (f", {counts['orphaned']} orphaned (document gone; entries kept as obsolete)" if counts["orphaned"] else "")
        + ".")
    say(f"{filled} new entries filled from the same English in other documents, as fuzzy "
        "(`# mmn-tm: from <document>` names each origin).")
