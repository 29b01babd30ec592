"""reST markup checks: what Sphinx warns about (or silently drops) in a translation.

Sphinx compares a translated paragraph with the English one and warns about
"inconsistent term/footnote/citation references"; these checks compare the
same things per entry, before any build, and say which entry and how to fix it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .core import Context, Severity, Unit, check
from .rst import NOQA, STRUCTURE, Parsed, parse
from .text import is_letter

# Inline markup start- and end-strings; docutils only sees them next to white
# space or punctuation, never glued to letters (Thai, Lao, Khmer, Burmese...).
START_STRINGS = re.compile(r":[\w.+-]+:`|``|\*\*|\*|_`|`|\|(?=\w)|\[(?:#[\w-]*|\d+|\*|\w+)\]_")
END_STRINGS = re.compile(r"``|\*\*|`__?|\*|`|\|_{0,2}|\]_")


@dataclass(frozen=True)
class MarkupReport:
    spacing: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    syntax: tuple[str, ...] = ()
    structure: tuple[str, ...] = ()
    inline: tuple[str, ...] = ()
    roles_missing: tuple[tuple[str, str], ...] = ()  # (role, target) of the source not in the translation
    roles_extra: tuple[tuple[str, str], ...] = ()


def glued_candidates(text: str) -> list[tuple[int, str]]:
    """Places where markup touches a letter: (index to put "\\ " at, snippet to show)."""
    found = []
    for match in START_STRINGS.finditer(text):
        if match.start() and is_letter(text[match.start() - 1]):
            found.append((match.start(), text[max(0, match.start() - 2):match.end() + 8].strip()))
    for match in END_STRINGS.finditer(text):
        after = text[match.end()] if match.end() < len(text) else " "
        before = text[match.start() - 1] if match.start() else " "
        if is_letter(after) and not before.isspace():
            found.append((match.end(), text[max(0, match.start() - 8):match.end() + 2].strip()))
    return found


def glued_markup(source_text: str, translation_text: str) -> tuple[list[str], str]:
    """The glued places whose separation with "\\ " restores markup docutils lost,
    and the translation with them separated.

    Each candidate is tried by re-parsing, so a "**" that already closes
    emphasis, or markup after punctuation docutils accepts (Burmese ၊,
    Khmer ។), is never blamed.
    """
    source = parse(source_text)
    text, lost, blamed = translation_text, _loss(source, parse(translation_text)), []
    for index, snippet in sorted(glued_candidates(translation_text), reverse=True):
        if not lost:
            break
        trial = text[:index] + "\\ " + text[index:]
        trial_loss = _loss(source, parse(trial))
        if trial_loss < lost:
            text, lost = trial, trial_loss
            blamed.append(snippet)
    return blamed[::-1], text


def _difference(source: tuple, translation: tuple) -> tuple[list, list]:
    missing = list((Counter(source) - Counter(translation)).elements())
    extra = list((Counter(translation) - Counter(source)).elements())
    return missing, extra


def _describe(missing: list, extra: list, what: str) -> str:
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"not in the source: {', '.join(extra)}")
    return f"{what}: {'; '.join(parts)}"


def _xref(item: tuple[str, str]) -> str:
    return f":{item[0]}: → {item[1]!r}"


def _loss(source: Parsed, translation: Parsed) -> int:
    """How many pieces of the source's markup the translation lacks (0: none)."""
    pairs = [(len(source.xrefs), len(translation.xrefs)), (len(source.named_refs), len(translation.named_refs)),
             (len(source.footnote_refs), len(translation.footnote_refs)),
             (len(source.citation_refs), len(translation.citation_refs)),
             (len(source.substitutions), len(translation.substitutions)),
             (source.hyperlinks, translation.hyperlinks), (source.emphasis, translation.emphasis),
             (source.strong, translation.strong), (len(source.literals), len(translation.literals)),
             (len(translation.problems), len(source.problems))]
    return sum(max(0, wanted - found) for wanted, found in pairs)


def _ordered(source: tuple[str, ...], translation: tuple[str, ...], what: str) -> Iterator[str]:
    """Sphinx compares these in order (compare_references without ignore_order)."""
    if source == translation:
        return
    missing, extra = _difference(source, translation)
    if missing or extra:
        yield _describe(missing, extra, what) + "; Sphinx warns 'inconsistent references'"
    else:
        yield (f"{what} are in a different order ({', '.join(translation)}); Sphinx warns about it: "
               "keep the English order or end the msgstr with #noqa")


# The markup a translation keeps, found by one regex: roles (by name and
# target), literals, references (by target), footnotes, substitutions and the
# emphasis marks. A translation with the same tokens as its source, none glued
# to letters and no block structure, parses the same: docutils (most of the
# checks' time) is only run for the others.
TOKENS = re.compile(r"(:[\w:+.-]+:)`(?:[^`<]*<([^`>]*)>|([^`]*))`|``[^`]*``|`(?:[^`<]*<([^`>]*)>|([^`]*))`(__?)"
                    r"|\[[#*\w-]*\]_|\|[^|\s][^|]*\||\*\*|\*|`|\\|_`")


def _tokens(text: str) -> tuple[Counter, tuple]:
    """The markup tokens of text, and those Sphinx compares in order (footnotes, references)."""
    tokens = [match.group() if not (match.group(1) or match.group(6)) else
              (match.group(1), match.group(2) or match.group(3)) if match.group(1) else
              # `text <uri>`_ is a link, `name`_ a reference: keep them apart
              (match.group(6), f"<{match.group(4)}>" if match.group(4) is not None else match.group(5))
              for match in TOKENS.finditer(text)]
    ordered = tuple(token for token in tokens if token[0] in "[_")
    return Counter(tokens), ordered


def _same_markup(source_text: str, translation_text: str) -> bool:
    """Whether the translation surely parses like its source (no docutils needed)."""
    if STRUCTURE.search(source_text) or STRUCTURE.search(translation_text) or NOQA.match(translation_text):
        return False
    return _tokens(source_text) == _tokens(translation_text) and not _touches_letters(translation_text)


def _touches_letters(text: str) -> bool:
    """Whether some markup token is glued to a letter (then docutils may not see it)."""
    for match in TOKENS.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if len(match.group()) > 2 or match.group() == "``":  # a whole role, literal, reference...
            if is_letter(before) or is_letter(after):
                return True
        elif (is_letter(before) and not after.isspace()) or (is_letter(after) and not before.isspace()):
            return True  # a lone * ** ` or \\ between a letter and something other than a space
        elif before.isspace() and after.isspace():
            return True  # " * ": neither a start nor an end; let docutils decide
    return False


@lru_cache(maxsize=8192)
def analyse(source_text: str, translation_text: str) -> MarkupReport:
    """Compare the markup of a source message with its translation's."""
    if _same_markup(source_text, translation_text):
        return MarkupReport()
    source, translation = parse(source_text), parse(translation_text)
    if translation.noqa or translation == source:
        return MarkupReport()  # the translator has told Sphinx to accept it
    spacing: tuple[str, ...] = ()
    if _loss(source, translation):
        glued, repaired = glued_markup(source_text, translation_text)
        if glued:
            snippets = ", ".join(repr(snippet) for snippet in glued[:3])
            spacing = (f"markup glued to letters is not recognised by docutils ({snippets}): "
                       "put a space or an escaped space (\\ ) between the markup and the text",)
            translation = parse(repaired)  # report what else is wrong, not the same loss twice

    references: list[str] = []
    inline: list[str] = []
    missing, extra = _difference(source.xrefs, translation.xrefs)
    # A role of the source written twice in the translation still resolves
    # (Sphinx copies the English attributes to each): not an error.
    repeated = [x for x in extra if x in source.xrefs]
    extra = [x for x in extra if x not in source.xrefs]
    roles_missing, roles_extra = tuple(missing), tuple(extra)
    if repeated:
        inline.append(f"repeats {', '.join(map(_xref, repeated))}; Sphinx warns 'inconsistent term "
                      "references' but the links work")
    references += _ordered(source.footnote_refs, translation.footnote_refs, "footnote references")
    references += _ordered(source.citation_refs, translation.citation_refs, "citation references")
    references += _ordered(source.named_refs, translation.named_refs, "references")
    missing, extra = _difference(source.substitutions, translation.substitutions)
    if missing or extra:
        references.append(_describe([f"|{x}|" for x in missing], [f"|{x}|" for x in extra], "substitutions"))
    if source.hyperlinks != translation.hyperlinks:
        references.append(f"{source.hyperlinks} link(s) in the source, {translation.hyperlinks} in the "
                          "translation: write each as `text <url>`_, with the underscore after the backquote")
    missing, extra = _difference(source.targets, translation.targets)
    if missing or extra:
        references.append(_describe(missing, extra, "inline targets"))

    new_problems = list((Counter(translation.problems) - Counter(source.problems)).elements())
    syntax = tuple(f"docutils: {problem} Check the backquotes and asterisks." for problem in new_problems)

    structure: tuple[str, ...] = ()
    if source.kind == "paragraph" and translation.kind.startswith("paragraph+"):
        structure = ("a line of the translation starts with spaces or a list marker, so docutils splits "
                     f"it ({translation.kind.replace('_', ' ').replace('+', ' + ')}) and Sphinx keeps only "
                     "the first part: remove the line break or the indentation",)
    elif source.kind == "paragraph" and translation.kind != "paragraph":
        kind = translation.kind.split("+")[0].replace("_", " ")
        article = "an" if kind[0] in "aeiou" else "a"
        structure = (f"the translation is read as {article} {kind}, not a paragraph, so Sphinx drops it: "
                     "check line breaks, indentation and a leading list marker or colon "
                     "(escape a leading marker with a backslash)",)

    # Only losses: a translator may add emphasis (say, around a kept English title).
    if translation.emphasis < source.emphasis or translation.strong < source.strong:
        inline.append(f"emphasis/strong lost: {source.emphasis}/{source.strong} in the source, "
                      f"{translation.emphasis}/{translation.strong} in the translation")
    missing, _ = _difference(source.literals, translation.literals)
    if missing:
        inline.append(_describe([f"``{x}``" for x in missing], [], "literals"))
    missing, _ = _difference(source.text_roles, translation.text_roles)
    if missing:
        inline.append(_describe([f":{x}:" for x in missing], [], "roles"))
    return MarkupReport(spacing, tuple(references), syntax, structure, tuple(inline),
                        roles_missing, roles_extra)


def _reports(unit: Unit, ctx: Context) -> Iterator[tuple[object, MarkupReport]]:
    if not unit.is_rest(ctx):
        return
    for pair in unit.pairs(ctx.nplurals):
        yield pair, analyse(pair.source, pair.translation)


@check("rst-spacing", Severity.ERROR, "reST markup glued to letters, so docutils drops it")
def rst_spacing(unit: Unit, ctx: Context) -> Iterator[str]:
    """Inline markup (:term:, **, `...`_) written right against letters, as Thai,
    Lao, Khmer, Burmese and Chinese text invites, is plain text to docutils: the
    link or emphasis silently disappears. Separate it with a space or `\\ `."""
    for pair, report in _reports(unit, ctx):
        yield from map(pair.label, report.spacing)


@check("rst-references", Severity.ERROR, "Roles, references, footnotes or substitutions differ from the source")
def rst_references(unit: Unit, ctx: Context) -> Iterator[str]:
    """The translation must keep every :term:/:ref:/:doc: target, footnote and
    citation reference, `link`_ and |substitution| of the English: Sphinx
    warns "inconsistent ... references in translated message" otherwise."""
    for pair, report in _reports(unit, ctx):
        missing, extra = list(report.roles_missing), list(report.roles_extra)
        for role_target in list(extra):
            english = _translated_term(role_target, missing, ctx)
            if english:
                extra.remove(role_target)
                missing.remove(english)
        if missing or extra:
            yield pair.label(_describe([_xref(x) for x in missing], [_xref(x) for x in extra], "role targets differ")
                             + "; keep each target in English, e.g. :term:`translated text <English term>`")
        yield from map(pair.label, report.references)


def _translated_term(role_target: tuple[str, str], missing: list[tuple[str, str]],
                     ctx: Context) -> tuple[str, str] | None:
    """The English :term: a translated term target stands for, when the tree's
    glossary translates that term the same way: Sphinx registers translated
    glossary terms, so the link resolves (Python's French docs do this)."""
    role_name, target = role_target
    if role_name != "term":
        return None
    english = glossary_terms(ctx).get(target.lower())
    for candidate in missing:
        if candidate[0] == "term" and candidate[1].lower() == english:
            return candidate
    return None


def glossary_terms(ctx: Context) -> dict[str, str]:
    """Translated term (lowercase) -> English term (lowercase), from the
    catalogs of the tree's glossary (glossary.po, vocabulary/*.po) next to this one."""
    folder = next((p for p in [ctx.path.parent, *ctx.path.parents] if p.name == "LC_MESSAGES"), ctx.path.parent)
    key = str(folder)
    glossaries = ctx.run.setdefault("glossaries", {})
    if key not in glossaries:  # once per run and language, not per catalog
        from ..catalogs import read_catalog
        from ...errors import MmnError

        terms: dict[str, str] = {}
        for path in [folder / "glossary.po", *sorted(folder.glob("vocabulary/*.po"))]:
            try:
                catalog = read_catalog(path) if path.is_file() else []
            except MmnError:
                continue  # an unreadable glossary is reported when it is checked itself
            for entry in catalog:
                if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags and "\n" not in entry.msgid:
                    terms.setdefault(entry.msgstr.strip().lower(), entry.msgid.strip().lower())
        glossaries[key] = terms
    return glossaries[key]


@check("rst-syntax", Severity.ERROR, "reST syntax error in the translation")
def rst_syntax(unit: Unit, ctx: Context) -> Iterator[str]:
    """docutils reports a problem (unclosed emphasis, backquote...) in the
    translation that the source does not have; Sphinx would print it at build time."""
    for pair, report in _reports(unit, ctx):
        yield from map(pair.label, report.syntax)


@check("rst-structure", Severity.ERROR, "Translation parses as a list, field or directive")
def rst_structure(unit: Unit, ctx: Context) -> Iterator[str]:
    """A paragraph whose translation starts like a list item ("1. ", "- "), a
    field (":x: ") or a directive is dropped by Sphinx without a word."""
    if not unit.is_rest(ctx) or _looks_like_title(unit, ctx):
        return  # Sphinx underlines titles before parsing them
    for pair, report in _reports(unit, ctx):
        yield from map(pair.label, report.structure)


@check("rst-inline", Severity.WARNING, "Emphasis, strong, literals or text roles differ from the source")
def rst_inline(unit: Unit, ctx: Context) -> Iterator[str]:
    """*Emphasis*, **strong**, ``literals`` and roles such as :abbr: are kept
    in the translation (their words are translated, the markup stays)."""
    for pair, report in _reports(unit, ctx):
        yield from map(pair.label, report.inline)


UNDERLINE = re.compile(r"^([=\-`:'\"~^_*+#<>])\1+\s*$")


def _looks_like_title(unit: Unit, ctx: Context) -> bool:
    """Whether the entry's source line is a section title (next line underlined)."""
    for filename, line in unit.occurrences:
        lines = _source_lines(ctx, filename)
        if lines and line.isdigit() and 0 < int(line) < len(lines):
            # Sphinx gives a title the line of its underline; other tools the text's.
            return any(UNDERLINE.match(lines[index]) for index in (int(line) - 1, int(line)))
    return False


def _source_lines(ctx: Context, filename: str) -> list[str] | None:
    cache = ctx.cache.setdefault("source-lines", {})
    if filename not in cache:
        cache[filename] = None
        # Sphinx writes occurrences relative to the .pot folder; look from the
        # catalog's folder upwards for the file.
        for folder in [ctx.path.parent, *ctx.path.parents][:5]:
            candidate = (folder / filename)
            if candidate.is_file():
                cache[filename] = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
                break
            candidate = folder / "pot" / filename
            if candidate.is_file():
                cache[filename] = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
                break
    return cache[filename]
