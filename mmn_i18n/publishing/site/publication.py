"""Which documents this language's site publishes, and links to the ones it leaves out.

`mmn-i18n build` decides readiness (mmn_i18n.publishing.readiness) and passes the result
as a JSON file, `-D mmn_publication_file=...`: {"languages": [every site built],
"documents": {docname: [languages it is published in]}}. A document not published in the build's language is added to
exclude_patterns, so Sphinx neither reads nor writes it and it is absent from
the search index. Three things keep the rest of the site whole:

* its toctree lines are dropped when a page is read (source-read), so the
  site's navigation never names it and Sphinx has no excluded-document
  warning (which would also force the page to be re-read on every build);
* a :doc:, :ref: or :term: pointing into it resolves to the same place in the English
  site (missing-reference), which is always complete;
* when the set of languages a document is published in changes, that
  document is re-read (env-get-outdated) so its language menu is rewritten.

Without the file (a plain sphinx-build), every document is built and the
language menu offers the languages of each document's :publish-in: field.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util.nodes import _make_id  # the id maker of Sphinx's glossary terms

from .site_text import translate

SOURCE_LANGUAGE = "en"
_LABEL = re.compile(r"^\.\.\s+_([^:]+):\s*$", re.MULTILINE)
_TOCTREE = re.compile(r"^(\s*)\.\.\s+toctree::")


@dataclass
class Publication:
    """One build's publication list and the link targets looked up in it.

    Kept on the Sphinx application (app.mmn_publication), set at config-inited:
    it lives exactly as long as the build, so two builds in one process (of two
    projects, or one after an edit) never see each other's list.
    """

    content: dict  # the file's content ({} when the build was not given one)
    targets: dict[frozenset, tuple[dict[str, str], dict[str, str], dict[str, str]]] = field(default_factory=dict)


def publication_of(app: Sphinx) -> Publication:
    return getattr(app, "mmn_publication", None) or Publication({})


def published_map(app: Sphinx) -> dict[str, list[str]]:
    """{docname: languages it is published in}; {} when the build was not given the file."""
    return publication_of(app).content.get("documents", {})


def site_languages(app: Sphinx) -> list[str]:
    """Every language that has a site in this build, English first; [] without the file."""
    return publication_of(app).content.get("languages", [])


def unpublished(app: Sphinx, language: str) -> set[str]:
    return {doc for doc, codes in published_map(app).items() if language not in codes}


def read_publication_file(app: Sphinx, config: Config) -> None:
    path = config.mmn_publication_file
    content: dict = {}
    if path:
        try:
            content = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigError(f"{path}: cannot read the publication list ({error}). Run mmn-i18n build again.") from None
    app.mmn_publication = Publication(content)
    mapping = content.get("documents", {})
    language = config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or not mapping:
        return
    left_out = sorted(doc for doc, codes in mapping.items() if language not in codes)
    config.exclude_patterns = [*config.exclude_patterns, *(f"{doc}.rst" for doc in left_out)]
    if left_out:
        # A published page whose parent page is not published here (vocabulary/a-z without
        # vocabulary/index) is in no toctree of this site: expected, not worth a warning.
        config.suppress_warnings = [*config.suppress_warnings, "toc.not_included"]


def drop_toctree_lines(app: Sphinx, docname: str, source: list[str]) -> None:
    """Remove toctree entries that name a document this site does not publish."""
    left_out = unpublished(app, app.config.language or SOURCE_LANGUAGE)
    if not left_out or "toctree::" not in source[0]:
        return
    lines, kept, indent = source[0].splitlines(keepends=True), [], None
    base = docname.rpartition("/")[0]
    for line in lines:
        match = _TOCTREE.match(line)
        if match:
            indent = len(match.group(1))
        elif indent is not None and line.strip() and len(line) - len(line.lstrip()) <= indent:
            indent = None  # the directive's block ended
        entry = line.strip()
        target = entry.rsplit("<", 1)[-1].rstrip(">").strip() if entry.endswith(">") else entry
        if indent is not None and target and not target.startswith((":", "..")):
            full = target.lstrip("/") if target.startswith("/") or not base else f"{base}/{target}"
            if full in left_out:
                continue
        kept.append(line)
    source[0] = "".join(kept)


def outdated_by_publication(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Documents whose set of languages changed: their language menu must be rewritten."""
    current = published_map(app)
    previous = getattr(env, "mmn_published", {})
    env.mmn_published = current
    if not previous:
        return []
    return [doc for doc in env.found_docs
            if doc not in added and current.get(doc) != previous.get(doc)]


_GLOSSARY = re.compile(r"^(\s*)\.\.\s+glossary::")


def _targets_of(app: Sphinx, docs: set[str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """({label: docname}, {term: term as written}, {term: docname}) of these documents, from their sources."""
    known = publication_of(app).targets
    key = frozenset(docs)
    if key in known:
        return known[key]
    labels, terms, term_docs = {}, {}, {}
    for doc in docs:
        path = Path(app.srcdir) / f"{doc}.rst"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for label in _LABEL.findall(text):
            labels[label.strip().lower()] = doc
        term_indent = None
        for line in text.splitlines():
            match = _GLOSSARY.match(line)
            if match:
                term_indent = None if match is None else len(match.group(1)) + 3
                continue
            if term_indent is None or not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            if indent < term_indent:
                term_indent = None  # the glossary ended
            elif indent == term_indent and not line.lstrip().startswith((":", "..")):
                terms[line.strip().lower()] = line.strip()  # Sphinx's term ids keep the case
                term_docs[line.strip().lower()] = doc
    known[key] = (labels, terms, term_docs)
    return labels, terms, term_docs


def link_to_english(app: Sphinx, env: BuildEnvironment, node, contnode):
    """A :doc:, :ref: or :term: into an unpublished document points to the English page instead."""
    language = app.config.language or SOURCE_LANGUAGE
    left_out = unpublished(app, language)
    if not left_out or node.get("reftype") not in ("doc", "ref", "term"):
        return None
    target = node.get("reftarget", "")
    fromdoc = node.get("refdoc", env.docname)
    anchor = ""
    if node["reftype"] == "doc":
        base = fromdoc.rpartition("/")[0]
        doc = target.lstrip("/") if target.startswith("/") or not base else f"{base}/{target}"
    elif node["reftype"] == "ref":
        doc = _targets_of(app, left_out)[0].get(target.lower(), "")
        anchor = "#" + nodes.make_id(target) if doc else ""
    else:  # a glossary term: Sphinx's anchor is "term-" + the term as written, made an id (case kept)
        _, terms, term_docs = _targets_of(app, left_out)
        doc = term_docs.get(target.lower(), "")
        anchor = "#" + _make_id(f"term-{terms[target.lower()]}") if doc else ""
    if doc not in left_out:
        return None
    up = "../" * (fromdoc.count("/") + 1)
    reference = nodes.reference("", "", internal=False, refuri=f"{up}{SOURCE_LANGUAGE}/{doc}.html{anchor}")
    reference["hreflang"] = SOURCE_LANGUAGE
    title = None if node.get("refexplicit") or node["reftype"] == "term" else english_title(app, doc, target)
    if title:
        # Not the slug Sphinx would show: the English title, marked English, and saying so.
        shown = nodes.inline("", "", classes=contnode.get("classes", []))
        shown += nodes.inline(title, title, classes=["language-en"])
        note = translate(language, "(in English)")
        shown += nodes.Text(" ")
        shown += nodes.inline(note, note, classes=["mmn-in-english"])
        contnode = shown
    reference.append(contnode)
    return reference


_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1+\s*$")


def english_title(app: Sphinx, doc: str, target: str) -> str | None:
    """The English title of doc, or of the section a :ref: label opens; None when not found."""
    path = Path(app.srcdir) / f"{doc}.rst"
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    label = re.compile(rf"^\.\.\s+_{re.escape(target)}:\s*$", re.IGNORECASE)
    for number, line in enumerate(lines):
        if label.match(line):
            start = number + 1
            break
    for number in range(start, len(lines) - 1):
        text, underline = lines[number].strip(), lines[number + 1].strip()
        if text and _UNDERLINE.match(underline) and len(underline) >= len(text) and not _UNDERLINE.match(text):
            return text
    return None


def setup(app: Sphinx) -> dict:
    app.add_config_value("mmn_publication_file", "", "env", types=[str])
    app.connect("config-inited", read_publication_file)
    app.connect("source-read", drop_toctree_lines)
    app.connect("env-get-outdated", outdated_by_publication)
    app.connect("missing-reference", link_to_english)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
