"""Parse one message as reStructuredText, the way Sphinx parses a translation.

Sphinx publishes every msgstr on its own with docutils and then compares the
references of the result with those of the English (sphinx/transforms/i18n.py).
We do the same parse without a Sphinx application: Sphinx's roles (:term:,
:ref:, :doc:...) are recorded as generic `role` nodes holding the target Sphinx
would compute, so the comparison keys are those of Sphinx's warnings.
"""
from __future__ import annotations

import io
import re
import types
from dataclasses import dataclass
from functools import lru_cache

from docutils import nodes, utils
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, states
from docutils.parsers.rst import languages as rst_languages

# docutils' own formatting roles: their content is prose, not a target.
FORMATTING_ROLES = frozenset({
    "emphasis", "strong", "literal", "code", "sub", "subscript", "sup", "superscript",
    "title-reference", "title", "t", "abbreviation", "ab", "acronym", "ac", "math", "raw",
})
# Sphinx roles whose content is shown as is, with nothing to resolve.
SPHINX_TEXT_ROLES = frozenset({
    "abbr", "command", "dfn", "file", "guilabel", "kbd", "mailheader", "makevar",
    "menuselection", "mimetype", "newsgroup", "program", "regexp", "samp",
})
PYTHON_ROLES = frozenset({"func", "meth", "class", "attr", "data", "exc", "mod", "obj", "const", "type"})
LOWERCASE_TARGET_ROLES = frozenset({"ref", "numref"})  # XRefRole(lowercase=True) in Sphinx
EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)  # sphinx.util.nodes
NOQA = re.compile(r"(.*)(?<!\\)#\s*noqa\s*$", re.DOTALL)  # sphinx.transforms.i18n.parse_noqa


class role(nodes.Inline, nodes.TextElement):
    """A Sphinx role in a message: `role` is its name, `target` what it points to."""


def _interpreted(inliner, rawsource, text, role_name, lineno):
    """Inliner.interpreted, recording Sphinx roles instead of rejecting them."""
    name = (role_name or "").lower()
    if not name or name in FORMATTING_ROLES:
        return states.Inliner.interpreted(inliner, rawsource, text, role_name, lineno)
    content = utils.unescape(text)
    target = ""
    # ":exc:`!ValueError`" is a role with its link turned off: Sphinx makes no
    # cross-reference of it, so there is nothing to compare.
    if name not in SPHINX_TEXT_ROLES and not text.startswith("!"):
        match = EXPLICIT_TITLE.match(text)
        target = utils.unescape(match.group(2)) if match else content
        target = " ".join(target.lstrip("!~").split())
        if name in LOWERCASE_TARGET_ROLES:
            target = target.lower()
        if name.endswith(("func", "meth")) and target.endswith("()"):
            target = target[:-2]  # Sphinx's XRefRole(fix_parens=True): func() is func
        if target.startswith(".") and (name in PYTHON_ROLES or name.startswith("py:")):
            target = target[1:]  # PyXRefRole: ".name" is name, searched more widely (refspecific)
    node = role(rawsource, content, role=name, target=target)
    return [node], []


@dataclass(frozen=True)
class Parsed:
    """The parts of a parsed message that a translation must keep."""

    kind: str  # "paragraph" normally; "bullet_list", "section"... when the text is structure
    xrefs: tuple[tuple[str, str], ...]  # (role, target) of resolvable roles, sorted
    text_roles: tuple[str, ...]  # names of roles whose content is translated, sorted
    named_refs: tuple[str, ...]  # rawsource of `text`_ references, in order
    footnote_refs: tuple[str, ...]  # rawsource of [#]_, [1]_ ..., in order
    citation_refs: tuple[str, ...]
    substitutions: tuple[str, ...]  # |name| refnames, sorted
    hyperlinks: int  # `text <url>`_ and anonymous references
    targets: tuple[str, ...]  # inline _`targets`, sorted
    emphasis: int
    strong: int
    literals: tuple[str, ...]
    problems: tuple[str, ...]  # docutils warnings and errors, as their messages
    noqa: bool


# Lines that make a message something other than a paragraph: lists, fields,
# directives, quotes, sections. Only such messages need the (slow) block parser.
STRUCTURE = re.compile(
    r"^(?:\s+\S|[-+*\u2022\u2023\u2043]\s|(?:\d+|[a-zA-Z#]|[ivxlcdmIVXLCDM]+)[.)]\s|\(\w+\)\s"
    r"|:[^:\s][^:]*:(?:\s|$)|\.\.\s|>>>|\|\s|([=\-`:'\x22~^_*+#<>])\1{3,}\s*$|[+=-]{4,})",
    re.MULTILINE,
)
MARKUP_CHARACTERS = frozenset("`*|_[")


@lru_cache(maxsize=1)
def _tools():
    settings = get_default_settings(Parser)
    settings.report_level = 5  # record everything in the tree, print nothing
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    # docutils' Inliner cannot be subclassed (it reads vars(self.__class__)),
    # so the one method is replaced on the instance.
    inliner = states.Inliner()
    inliner.interpreted = types.MethodType(_interpreted, inliner)
    inliner.init_customizations(settings)
    # docutils looks for standalone URIs and e-mails in every text fragment with
    # one slow regex (most of a check's time on Python's docs). A text without
    # "://" or "@" has none, so a second inliner skips the search for it.
    plain = states.Inliner()
    plain.interpreted = types.MethodType(_interpreted, plain)
    plain.init_customizations(settings)
    plain.implicit_dispatch = []
    return Parser(inliner=inliner), {True: inliner, False: plain}, settings, rst_languages.get_language("en")


def block_kind(text: str) -> str:
    """The block(s) a message becomes when parsed on its own: normally "paragraph".

    Several blocks come out joined with "+" ("paragraph+block_quote"): Sphinx
    keeps only the first of them.
    """
    if not STRUCTURE.search(text):
        return "paragraph"
    parser, _, settings, _ = _tools()
    document = utils.new_document("<message>", settings)
    parser.parse(text, document)
    blocks = [type(child).__name__ for child in document.children if not isinstance(child, nodes.system_message)]
    return "+".join(blocks) or "empty"


def _inline_nodes(text: str) -> tuple[nodes.paragraph, list[nodes.system_message]]:
    """Inline markup of one paragraph (0.3 ms, where a full parse takes 5 ms)."""
    _, inliners, settings, language = _tools()
    inliner = inliners["://" in text or "@" in text]
    document = utils.new_document("<message>", settings)
    memo = states.Struct(document=document, reporter=document.reporter, language=language,
                         title_styles=[], section_level=0, section_bubble_up_kludge=False,
                         inliner=inliner)
    paragraph = nodes.paragraph()
    document += paragraph
    children, messages = inliner.parse(text, 1, memo, paragraph)
    paragraph.extend(children)
    return paragraph, messages


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """Parse text as Sphinx would parse a msgstr (its #noqa suffix honoured)."""
    match = NOQA.match(text)
    noqa = bool(match)
    if match:
        text = match.group(1)
    kind = block_kind(text)
    if not MARKUP_CHARACTERS.intersection(text):
        return Parsed(kind, (), (), (), (), (), (), 0, (), 0, 0, (), (), noqa)
    paragraph, messages = _inline_nodes(text)
    by_type: dict[type, list[nodes.Element]] = {}
    for node in paragraph.findall(nodes.Element):
        by_type.setdefault(type(node), []).append(node)

    def each(kind: type) -> list[nodes.Element]:
        return by_type.get(kind, [])

    roles = each(role)
    references = each(nodes.reference)
    problems = tuple(
        " ".join(message.children[0].astext().split()) if message.children else ""
        for message in messages if message["level"] >= 2
    )
    return Parsed(
        kind=kind,
        xrefs=tuple(sorted((node["role"], node["target"]) for node in roles if node["target"])),
        text_roles=tuple(sorted(node["role"] for node in roles if not node["target"])),
        # By the name they point to: `text <name_>`_ with its text translated
        # is the same link (docutils matches names case-insensitively).
        named_refs=tuple(node["refname"] for node in references if node.get("refname")),
        footnote_refs=tuple(node.rawsource for node in each(nodes.footnote_reference)),
        citation_refs=tuple(node.rawsource for node in each(nodes.citation_reference)),
        substitutions=tuple(sorted(node["refname"] for node in each(nodes.substitution_reference))),
        hyperlinks=sum(1 for node in references if not node.get("refname")
                       and (node.get("anonymous") or node.get("name"))),
        targets=tuple(sorted(node.astext() for node in each(nodes.target) if node.get("names")
                             and not node.get("refuri") and not node.get("refname"))),  # not `x <alias_>`_
        emphasis=len(each(nodes.emphasis)),
        strong=len(each(nodes.strong)),
        literals=tuple(sorted(node.astext() for node in each(nodes.literal))),
        problems=problems,
        noqa=noqa,
    )
