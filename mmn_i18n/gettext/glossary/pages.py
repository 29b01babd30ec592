"""The vocabulary's reST pages, generated from the English termbase.

The pages live under ``source/vocabulary/`` so that the gettext builder
extracts them like any publication (catalogs ``locale/<lang>/LC_MESSAGES/
vocabulary/*.po``). Only English text is written here; everything that
depends on the build language (sort order, translated links, other
languages' terms) is produced at build time by the directives of
``mmn_i18n.publishing.site.vocabulary``. Output is deterministic: the same
terms.csv always gives byte-identical pages.
"""
from __future__ import annotations

from pathlib import Path

from ...textfiles import write_text_atomically
from .model import Term

PAGES_DIR = "vocabulary"
GENERATED_NOTE = ".. Generated from glossary/terms.csv by mmn_i18n.gettext.glossary.pages: edit the CSV, not this file."


def _header(title: str, label: str, last_added: str, languages: list[str]) -> list[str]:
    return [
        ":kind: vocabulary",
        f":date: {last_added}",
        f":publish-in: {' '.join(languages)}",
        "",
        GENERATED_NOTE,
        "",
        f".. _{label}:",
        "",
        title,
        "=" * len(title),
        "",
    ]


def _entry(term: Term) -> list[str]:
    # One paragraph per line, so that each msgid equals the CSV text exactly.
    return [
        f"   {term.term}",
        f"      {term.definition}",
        "",
        f"      :Example: {term.example}",
        f"      :Part of speech: {term.part_of_speech}",
        f"      :Category: {term.category}",
        "",
        f"      .. mmn-term-info:: {term.id}",
        "",
    ]


def glossary_page(terms: tuple[Term, ...], languages: list[str]) -> str:
    last_added = max(term.added for term in terms)
    lines = _header("Mekong Vocabulary on Migration", "vocabulary", last_added, languages)
    lines += [
        "The network's vocabulary explains the words that come up again and again "
        "when we write about migration in the Mekong region. Each entry gives a short "
        "definition, an example of use and related terms, so that authors, translators "
        "and readers in every language mean the same thing by the same word.",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
        "   a-z",
        "   table",
        "   avoid",
        "   new",
        "",
        "Terms",
        "-----",
        "",
        ".. glossary::",
        "",
    ]
    for term in sorted(terms, key=lambda t: (t.term.casefold(), t.id)):
        lines += _entry(term)
    return "\n".join(lines).rstrip() + "\n"


def simple_page(title: str, label: str, intro: str, directive: list[str],
                last_added: str, languages: list[str]) -> str:
    lines = _header(title, label, last_added, languages) + [intro, ""] + directive
    return "\n".join(lines).rstrip() + "\n"


def render_pages(terms: tuple[Term, ...], languages: list[str]) -> dict[str, str]:
    """docname -> reST text of every vocabulary page."""
    last = max(term.added for term in terms)
    return {
        f"{PAGES_DIR}/index": glossary_page(terms, languages),
        f"{PAGES_DIR}/a-z": simple_page(
            "Vocabulary from A to Z", "vocabulary-a-z",
            "All terms of the vocabulary, in the alphabetical order of this language.",
            [".. mmn-vocabulary-az::"], last, languages),
        f"{PAGES_DIR}/table": simple_page(
            "One term in eight languages", "vocabulary-table",
            "Each row shows one term in English and in the network's seven other languages. "
            "An empty cell means that the translation has not been reviewed yet.",
            [".. mmn-vocabulary-table::"], last, languages),
        f"{PAGES_DIR}/avoid": simple_page(
            "Terms to avoid", "vocabulary-avoid",
            "Some words hurt the people they describe or blur what happened to them. "
            "This page lists words to avoid and the term to use instead.",
            [".. mmn-vocabulary-avoid:: local", "", "In English", "----------", "",
             ".. mmn-vocabulary-avoid:: en"], last, languages),
        f"{PAGES_DIR}/new": simple_page(
            "New terms", "vocabulary-new",
            "Terms added to the vocabulary, the most recent first.",
            [".. mmn-vocabulary-new::"], last, languages),
    }


def write_pages(terms: tuple[Term, ...], languages: list[str], source_dir: Path) -> list[Path]:
    """Write the pages that changed (so Sphinx re-reads only those); return them."""
    changed = []
    for docname, text in render_pages(terms, languages).items():
        path = source_dir / f"{docname}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        if write_text_atomically(path, text):
            changed.append(path)
    return changed
