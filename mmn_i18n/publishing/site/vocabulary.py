"""Sphinx side of the vocabulary: generate its pages, render language-dependent parts.

At ``builder-inited`` the pages under ``source/vocabulary/`` are (re)written
from glossary/terms.csv (see mmn_i18n.gettext.glossary.pages), so the gettext builder
and every HTML build read the same English text. Terms, definitions and
examples are translated by Sphinx's own i18n transform from
``locale/<lang>/LC_MESSAGES/vocabulary/index.po``: Sphinx re-registers a
translated glossary term under the original id, so ``:term:`work permit``` and
``:term:`ใบอนุญาตทำงาน <work permit>``` both link to the Thai entry in the Thai
build. (Sphinx 9 warns about inconsistent term references when a translated
paragraph changes the *target* of a :term: role, so translators keep the English
target and translate only the display text.)

The directives below add what a catalog cannot carry: A-to-Z in the
language's collation, links whose text is the term in the build language,
the eight-language table, terms to avoid and new terms by date. A transform
re-sorts the glossary itself in the build language's order once Sphinx has
translated its terms.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ...gettext.glossary.collation import index_buckets, sort_key, sorted_in
from ...gettext.glossary.load import GLOSSARY_DOCNAME, TermbaseError, glossary_catalog, read_termbase
from ...gettext.glossary.model import Termbase
from ...gettext.glossary.pages import write_pages
from ...language_facts import html_lang
from ...languages import get_language
from ...project import ProjectNotFound, load_project
from .site_text import format_document_date


class VocabularyState:
    """One build's vocabulary settings and termbase, kept on the Sphinx environment (env.mmn_vocabulary).

    Set at builder-inited, so it lives as long as the build: two builds in one
    process (two projects, or one after the termbase changed) each read their
    own. Never pickled with the environment: an environment loaded from the
    last build gets an empty state, replaced at builder-inited.
    """

    def __init__(self, glossary_dir: Path | None = None, locale_dir: Path | None = None,
                 languages: list[str] | None = None, builder: str = "") -> None:
        self.glossary_dir, self.locale_dir, self.languages = glossary_dir, locale_dir, languages or []
        self.builder = builder
        self._termbase: Termbase | None = None

    def __reduce__(self):
        return (VocabularyState, ())

    def termbase(self) -> Termbase:
        """The termbase, read once per build (its files do not change while Sphinx reads)."""
        if self._termbase is None:
            self._termbase = read_termbase(self.glossary_dir, self.locale_dir, self.languages)
        return self._termbase


def _state(env) -> VocabularyState:
    state = getattr(env, "mmn_vocabulary", None)
    if state is None or state.glossary_dir is None:
        raise ExtensionError("the vocabulary directives need an mmn-i18n project "
                             "(pyproject.toml with [tool.mmn-i18n] and glossary/terms.csv)") from None
    return state


def _builder_name(env) -> str:
    state = getattr(env, "mmn_vocabulary", None)
    return state.builder if state is not None else ""


def _inputs(glossary_dir: Path, locale_dir: Path, languages: list[str]) -> list[Path]:
    files = [glossary_dir / "terms.csv"]
    files += [glossary_dir / "avoid" / f"{lang}.csv" for lang in languages]
    files += [glossary_catalog(locale_dir, lang) for lang in languages]
    return files


def termbase_for(env) -> Termbase:
    return _state(env).termbase()


def fixed(node: nodes.Element) -> nodes.Element:
    """Mark generated text as not for translation (Sphinx fills in sources for rubrics etc.)."""
    for element in node.findall(nodes.TextElement):
        # Inline nodes are never extracted; marking them would make Sphinx's
        # RemoveTranslatableInline unwrap them and lose their classes.
        if not isinstance(element, nodes.Inline):
            element["translatable"] = False
    return node


def build_language(env) -> str:
    return env.config.language or "en"


def term_link(termbase: Termbase, term_id: str, lang: str, with_english: bool = False,
              text: str = "") -> list[nodes.Node]:
    """A :term: reference whose text is the term in `lang` (English when unreviewed)."""
    term = termbase.term(term_id)
    text = text or termbase.display(term_id, lang)
    ref = addnodes.pending_xref("", nodes.inline(text, text, classes=["xref", "std", "std-term"]),
                                refdomain="std", reftype="term", reftarget=term.term,
                                refexplicit=True, refwarn=True)
    result: list[nodes.Node] = [ref]
    if with_english and lang != "en" and text != term.term:
        result.append(nodes.Text(" "))
        result.append(nodes.inline(f"({term.term})", f"({term.term})", classes=["mmn-english", "language-en"]))
    return result


def language_date(iso: str, lang: str) -> str:
    # one rule for every date on the sites: CLDR's month names, else ISO 8601
    return format_document_date(iso, lang)


class VocabularyDirective(SphinxDirective):
    """Base: knows the termbase and the build language, records dependencies."""

    def setup_termbase(self) -> Termbase:
        state = _state(self.env)
        for path in _inputs(state.glossary_dir, state.locale_dir, state.languages):
            if path.exists():
                self.env.note_dependency(str(path))
        return termbase_for(self.env)

    def translatable(self, node: nodes.TextElement, text: str) -> nodes.TextElement:
        """Give a generated node a source so the gettext builder extracts `text`."""
        node.rawsource = text
        node.source, node.line = self.get_source_info()
        return node


class TermInfo(VocabularyDirective):
    """``.. mmn-term-info:: ID``: English term, related terms, date added, words to avoid."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        termbase = self.setup_termbase()
        lang = build_language(self.env)
        term = termbase.term(self.arguments[0])
        fields = nodes.field_list(classes=["mmn-term-info"])

        def add(label: str, body: list[nodes.Node]) -> None:
            name = self.translatable(nodes.field_name(label, label), label)
            fields.append(nodes.field(label, name, nodes.field_body("", fixed(nodes.paragraph("", "", *body)))))

        if lang != "en" or _builder_name(self.env) == "gettext":  # extract the label too
            add("In English", [nodes.inline(term.term, term.term, classes=["language-en"])])
        if term.related:
            body: list[nodes.Node] = []
            for number, related in enumerate(term.related):
                if number:
                    body.append(nodes.Text(", "))
                body += term_link(termbase, related, lang)
            add("Related terms", body)
        add("Added", [nodes.Text(language_date(term.added, lang))])
        avoided = [a.text for a in termbase.avoided_terms(lang) if a.term_id == term.id and lang != "en"]
        avoided += list(term.avoid)
        if avoided:
            add("Do not say", [nodes.Text(", ".join(avoided))])
        return [fields]


class AtoZ(VocabularyDirective):
    """``.. mmn-vocabulary-az::``: every term under its heading in the language's order."""

    def run(self) -> list[nodes.Node]:
        termbase = self.setup_termbase()
        lang = build_language(self.env)
        buckets = index_buckets(lang, [t.id for t in termbase.terms], key=lambda i: termbase.display(i, lang))
        jump = fixed(nodes.paragraph(classes=["mmn-az-jump"]))
        result: list[nodes.Node] = [jump]
        for number, (label, ids) in enumerate(buckets):
            anchor = f"az-{number}"
            if number:
                jump += nodes.Text(" · ")
            jump += nodes.reference(label, label, refid=anchor)
            heading = fixed(nodes.rubric(label, label, ids=[anchor], classes=["mmn-az-letter"]))
            items = nodes.bullet_list()
            for term_id in ids:
                items += nodes.list_item("", fixed(nodes.paragraph("", "", *term_link(termbase, term_id, lang, True))))
            result += [heading, items]
        return result


class Table(VocabularyDirective):
    """``.. mmn-vocabulary-table::``: one row per term, one column per language."""

    def run(self) -> list[nodes.Node]:
        termbase = self.setup_termbase()
        lang = build_language(self.env)
        columns = ["en", *termbase.languages]
        table = nodes.table(classes=["mmn-vocabulary-table"])
        group = nodes.tgroup(cols=len(columns))
        table += group
        group += [nodes.colspec(colwidth=10) for _ in columns]

        def row(cells: list[list[nodes.Node]]) -> nodes.row:
            result = nodes.row()
            for cell in cells:
                result += nodes.entry("", fixed(nodes.paragraph("", "", *cell)))
            return result

        head = nodes.thead()
        head += row([[nodes.Text(get_language(code).native_name)] for code in columns])
        body = nodes.tbody()
        for term_id in sorted_in(lang, [t.id for t in termbase.terms], key=lambda i: termbase.display(i, lang)):
            cells: list[list[nodes.Node]] = []
            for code in columns:
                text = termbase.translation(term_id, code) or "—"
                if code == lang:
                    cells.append(term_link(termbase, term_id, lang))
                else:
                    # docutils writes a "language-xx" class as lang="xx": right fonts, right voice
                    cells.append([nodes.inline(text, text, classes=[f"language-{html_lang(code)}"])])
            body += row(cells)
        group += [head, body]
        return [table]


class Avoid(VocabularyDirective):
    """``.. mmn-vocabulary-avoid:: local|en``: words to avoid and what to use instead."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        termbase = self.setup_termbase()
        lang = build_language(self.env)
        which = self.arguments[0]
        if which == "local":
            if lang == "en":
                return []
            rows = [(a.text, a.term_id, a.preferred, a.note, False) for a in termbase.avoided_terms(lang)]
        else:  # the preferred English term, shown in the build language
            rows = [(a.text, a.term_id, "", a.note, True) for a in termbase.avoided_terms("en")]
        if not rows:
            return []
        table = nodes.table(classes=["mmn-vocabulary-avoid"])
        group = nodes.tgroup(cols=3)
        table += group
        group += [nodes.colspec(colwidth=w) for w in (20, 25, 55)]

        def cell(*content: nodes.Node) -> nodes.entry:
            return nodes.entry("", *content)

        head = nodes.thead()
        head += nodes.row("", *(cell(self.translatable(nodes.paragraph(label, label), label))
                                for label in ("Avoid", "Use instead", "Why")))
        body = nodes.tbody()
        for text, term_id, preferred, note, translatable in rows:
            why = nodes.paragraph(note, note)
            if translatable and note:
                self.translatable(why, note)  # English reasons go through the catalogs
            else:
                fixed(why)  # a language's own note is already in that language
            body += nodes.row("", cell(fixed(nodes.paragraph(text, text, classes=["mmn-avoided"]))),
                              cell(fixed(nodes.paragraph("", "", *term_link(termbase, term_id, lang, text=preferred)))),
                              cell(why))
        group += [head, body]
        return [table]


class NewTerms(VocabularyDirective):
    """``.. mmn-vocabulary-new::``: terms grouped by the date they were added, newest first."""

    def run(self) -> list[nodes.Node]:
        termbase = self.setup_termbase()
        lang = build_language(self.env)
        by_date: dict[str, list[str]] = {}
        for term in termbase.terms:
            by_date.setdefault(term.added, []).append(term.id)
        result: list[nodes.Node] = []
        for added in sorted(by_date, reverse=True):
            label = language_date(added, lang)
            items = nodes.bullet_list()
            for term_id in sorted_in(lang, by_date[added], key=lambda i: termbase.display(i, lang)):
                items += nodes.list_item("", fixed(nodes.paragraph("", "", *term_link(termbase, term_id, lang, True))))
            result += [fixed(nodes.rubric(label, label, classes=["mmn-new-date"])), items]
        return result


class SortGlossary(SphinxTransform):
    """Put the vocabulary's entries in the build language's order, after translation.

    The glossary is written in English alphabetical order; Sphinx's Locale
    transform (priority 20) then replaces each term with its translation, so
    the entries are re-sorted here with the language's ICU collation.
    """

    default_priority = 25  # after sphinx.transforms.i18n.Locale

    def apply(self, **kwargs) -> None:
        if self.env.current_document.docname != GLOSSARY_DOCNAME:
            return
        order = sort_key(self.config.language or "en")
        for glossary in self.document.findall(addnodes.glossary):
            for definitions in glossary.findall(nodes.definition_list):
                items = list(definitions.children)
                items.sort(key=lambda item: order(item.next_node(nodes.term).astext()))
                definitions.children = []
                definitions.extend(items)


def generate_pages(app: Sphinx) -> None:
    """Write source/vocabulary/*.rst from the termbase before Sphinx looks for documents."""
    try:
        project = load_project(Path(app.confdir))
    except ProjectNotFound:  # a plain Sphinx project using the extension: no vocabulary
        return
    glossary_dir = project.root / "glossary"
    if not (glossary_dir / "terms.csv").exists():
        return
    languages = list(project.language_codes)
    app.env.mmn_vocabulary = VocabularyState(glossary_dir, project.locale_dir, languages, app.builder.name)
    try:
        termbase = read_termbase(glossary_dir, project.locale_dir, [])
    except TermbaseError as error:  # one line naming file and line, not a traceback
        raise ExtensionError(str(error)) from None
    write_pages(termbase.terms, languages, Path(app.srcdir))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", generate_pages)
    app.add_directive("mmn-term-info", TermInfo)
    app.add_directive("mmn-vocabulary-az", AtoZ)
    app.add_directive("mmn-vocabulary-table", Table)
    app.add_directive("mmn-vocabulary-avoid", Avoid)
    app.add_directive("mmn-vocabulary-new", NewTerms)
    app.add_transform(SortGlossary)
    # Bump env_version whenever the directives' output changes: Sphinx then re-reads everything.
    return {"env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
