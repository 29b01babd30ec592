"""Each publication's :kind:, :date: and :publish-in: fields, checked, each problem at file:line.

A page with none of the three fields (the home page) is a site page, part of
every site. A page with any of them is a publication, and then:

errors (`status` and `build` refuse to run, exit 2):
  * no :kind: — readiness is decided by the kind's rule, so without it the
    page would be treated as a site page and published untranslated;
  * a :kind: that is neither one the site names (mmn_i18n.publishing.site.site_text.KIND_NAMES)
    nor one with a rule in [tool.mmn-i18n.readiness] — a misspelt "statment"
    would quietly get the default rule instead of the statement's;
  * a :date: that is not an ISO date (YYYY-MM-DD) — every page and the
    landing page show it in the reader's language;
  * a :publish-in: naming a language that is not one of the project's.

warnings (printed, the command goes on):
  * no :date: — the page shows no date and the landing page lists it last;
  * no :publish-in: (or an empty one) — published in English only;
  * a field given twice — the last one counts.
"""
from __future__ import annotations

import datetime
import re

from ..errors import MmnError, Problem
from ..project import Document, Project

FIELDS = ("kind", "date", "publish-in")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class MetadataError(MmnError):
    """Publications whose :kind:, :date: or :publish-in: mmn-i18n cannot use: the first named
    in the message, every other error listed above it when shown (details)."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = errors
        first = errors[0]
        more = f" {len(errors) - 1} more error(s) listed above." if len(errors) > 1 else ""
        super().__init__(f"{first.where()}: {first.problem}{more} Nothing was changed.",
                         details=[str(problem) for problem in errors[1:]])


def known_kinds(project: Project) -> list[str]:
    from .site.site_text import KIND_NAMES  # imported here: it loads Sphinx

    rules = project.settings.get("readiness", {})
    return sorted({*KIND_NAMES, *(kind for kind in rules if kind != "default")})


def document_problems(project: Project, doc: Document, kinds: list[str]) -> list[Problem]:
    lines = doc.field_lines
    if not any(name in lines for name in FIELDS):
        return []  # a site page
    path = str(doc.path)
    first = min(lines.values())

    def at(name: str) -> tuple[str, int]:
        return path, lines.get(name, first)

    found = []
    for name in FIELDS:
        if doc.field_counts.get(name, 0) > 1:
            found.append(Problem(*at(name), f":{name}: is given {doc.field_counts[name]} times; "
                                                   "the last one counts. Keep one.", severity="warning"))
    if not doc.kind:
        found.append(Problem(*at("kind"), "no :kind: field; a publication needs one "
                                                 f"({', '.join(kinds)}) to decide when it is ready.", severity="error"))
    elif doc.kind not in kinds:
        found.append(Problem(*at("kind"), f"unknown :kind: {doc.kind!r}; use one of {', '.join(kinds)}, "
                                                 "or add a rule for it under [tool.mmn-i18n.readiness].", severity="error"))
    if "date" not in lines or not doc.date:
        found.append(Problem(*at("date"), "no :date: field; the page shows no date and the landing "
                                                 "page lists it last. Add :date: YYYY-MM-DD.", severity="warning"))
    elif not _is_iso_date(doc.date):
        found.append(Problem(*at("date"), f":date: {doc.date!r} is not a date written YYYY-MM-DD "
                                                 "(e.g. 2015-12-18).", severity="error"))
    if not doc.publish_in:
        found.append(Problem(*at("publish-in"), "no language in :publish-in:; it is published in "
                                                       "English only. List the languages, e.g. :publish-in: th lo.",
                                     severity="warning"))
    for code in doc.publish_in:
        if code != project.source_language and code not in project.language_codes:
            found.append(Problem(*at("publish-in"), f":publish-in: names {code!r}, which is not one of "
                                                           f"the project's languages ({' '.join(project.language_codes)}).",
                                         severity="error"))
    return found


def _is_iso_date(text: str) -> bool:
    if not ISO_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def metadata_problems(project: Project, docs: list[Document]) -> list[Problem]:
    """Every problem of every document, errors and warnings, in file order."""
    kinds = known_kinds(project)
    return [problem for doc in docs for problem in document_problems(project, doc, kinds)]


def refuse_bad_metadata(project: Project, docs: list[Document]) -> list[Problem]:
    """The warnings; a MetadataError naming the first error when there is any (the caller lists them all)."""
    problems = metadata_problems(project, docs)
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        raise MetadataError(errors)
    return problems
