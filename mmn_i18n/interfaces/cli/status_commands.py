"""The status command: the document x language readiness matrix, and why each cell is or is not ready."""
from __future__ import annotations

import json

import click

from ...publishing.readiness import Readiness, assess, load_rules, save_checks_cache
from .common import current_project, option_lang, say


@click.command(short_help="Show which documents are ready to publish in which language, and why.")
@option_lang
@click.option("-d", "--document", "documents", multiple=True, metavar="DOCNAME",
              help="Only this document (repeatable). Default: all.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="text (a matrix, then the reasons) or json.")
def status(langs: tuple[str, ...], documents: tuple[str, ...], output_format: str) -> None:
    """Show the readiness matrix: a document is published in a language when the
    rule for its :kind: ([tool.mmn-i18n.readiness] in pyproject.toml) is met.

    \b
    Example:
      mmn-i18n status
      mmn-i18n status --lang th --format json
    """
    project = current_project()
    codes = [language.code for language in project.select_languages(langs)]
    readiness = assess(project, codes, documents or None)
    save_checks_cache(project, readiness)  # the next status, or build, need not run the checks again
    for warning in readiness.warnings:
        say(str(warning))
    if output_format == "json":
        rules = {kind: {"min_percent": rule.min_percent, "no_errors": rule.no_errors,
                        "min_reviewed_percent": rule.min_reviewed_percent}
                 for kind, rule in load_rules(project).items()}
        click.echo(json.dumps({
            "languages": list(readiness.languages),
            "rules": rules,
            "documents": [{"name": doc.name, "kind": doc.kind, "date": doc.date,
                           "published_in": readiness.published_in(doc.name),
                           "cells": [readiness.cell(doc.name, code).as_dict() for code in readiness.languages]}
                          for doc in readiness.documents],
        }, ensure_ascii=False, indent=2))
        return
    click.echo(render_matrix(readiness, load_rules(project)))


def render_matrix(readiness: Readiness, rules: dict | None = None) -> str:
    """A table (ready cells show their percent, others "-"), the rules a ready cell meets,
    then one line per cell that is not ready, with every reason."""
    codes = readiness.languages
    name_width = max(len("document"), *(len(doc.name) for doc in readiness.documents))
    width = max(6, *(len(code) + 1 for code in codes))

    def shown(document: str, code: str) -> str:
        cell = readiness.cell(document, code)
        mark = "yes" if cell.ready else "-"
        return mark if cell.percent is None else f"{mark} {int(cell.percent)}%" if cell.ready else f"- {int(cell.percent)}%"

    width = max(width, *(len(shown(doc.name, code)) + 1 for doc in readiness.documents for code in codes))
    lines = ["document".ljust(name_width) + "".join(code.rjust(width) for code in codes)]
    for doc in readiness.documents:
        lines.append(doc.name.ljust(name_width) + "".join(shown(doc.name, code).rjust(width) for code in codes))
    lines.append("")
    if rules:
        kinds = sorted({doc.kind for doc in readiness.documents if doc.kind})
        lines.append("Published (yes) when the rule of the document's kind is met, and the language is in its :publish-in: field:")
        for kind in kinds:
            rule = rules.get(kind, rules["default"])
            lines.append(f"  {kind}: {rule.describe()}" + ("" if kind in rules else " (default)"))
        lines.append("  English, and pages without :kind:, always.")
        lines.append("")
    lines.append("Not published:")
    missing = [(doc.name, code) for doc in readiness.documents for code in codes
               if not readiness.cell(doc.name, code).ready]
    for document, code in missing:
        lines.append(f"  {document} [{code}]: {'; '.join(readiness.cell(document, code).reasons)}")
    if not missing:
        lines.append("  nothing: every document is ready in every language.")
    return "\n".join(lines)
