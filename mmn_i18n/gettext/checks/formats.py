"""Catalog header and formats: what `msgfmt --check` rejects, named at its entry."""
from __future__ import annotations

import gettext
import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterator

from babel import Locale, UnknownLocaleError

from .core import Context, Severity, Unit, check, msgid_line

PYTHON = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")
C = re.compile(r"%(?:(?P<pos>\d+)\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?"
               r"(?P<conv>[diouxXeEfFgGaAcspn%]|<PRI\w+>)")
BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")
SAME_TYPE = {"i": "d", "u": "d"}


def python_specs(text: str) -> dict[str, str] | None:
    """Placeholders of a python-format string: {name or position: conversion}."""
    named: dict[str, str] = {}
    ordered: list[str] = []
    for match in PYTHON.finditer(text):
        conv = match["conv"]
        if conv == "%":
            continue
        conv = SAME_TYPE.get(conv, conv)
        if match["name"] is not None:
            named[match["name"]] = conv
        else:
            ordered.append(conv)
    if named and ordered:
        return None  # not a valid format string; msgfmt reports the msgid itself
    return named or {str(index): conv for index, conv in enumerate(ordered, 1)}


def c_specs(text: str) -> dict[str, str] | None:
    specs: dict[str, str] = {}
    position = 0
    for match in C.finditer(text):
        if match["conv"] == "%":
            continue
        if match["pos"]:
            key = match["pos"]
        else:
            position += 1
            key = str(position)
        specs[key] = SAME_TYPE.get(match["conv"], match["conv"])
    return specs


def brace_specs(text: str) -> dict[str, str] | None:
    specs: dict[str, str] = {}
    automatic = 0
    for match in BRACE.finditer(text):
        field = match["field"]
        if field is None:
            continue  # {{ or }}
        if field == "":
            field = str(automatic)
            automatic += 1
        specs[re.split(r"[.\[]", field)[0]] = ""
    return specs


def _percent_problem(text: str, directive: re.Pattern) -> str | None:
    position = 0
    while (start := text.find("%", position)) != -1:
        match = directive.match(text, start)
        if not match:
            return "a % that starts no placeholder: write %% for a percent sign"
        position = match.end()
    return None


def _brace_problem(text: str) -> str | None:
    position = 0
    while position < len(text):
        char = text[position]
        if text.startswith(("{{", "}}"), position):
            position += 2
        elif char == "{":
            match = BRACE.match(text, position)
            if not match:
                return "a { that starts no placeholder: write {{ for a brace"
            position = match.end()
        elif char == "}":
            return "a lone }: write }} for a brace"
        else:
            position += 1
    return None


SYNTAX: dict[str, Callable[[str], str | None]] = {
    "python-format": lambda text: _percent_problem(text, PYTHON),
    "c-format": lambda text: _percent_problem(text, C),
    "python-brace-format": _brace_problem,
}

FORMATS: dict[str, Callable[[str], dict[str, str] | None]] = {
    "python-format": python_specs, "c-format": c_specs, "python-brace-format": brace_specs,
}


@lru_cache(maxsize=64)
def single_value_forms(plural_forms: str, nplurals: int) -> frozenset[int]:
    """Plural forms used for exactly one n (may leave the number out, as msgfmt allows)."""
    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms or "")
    try:
        rule = gettext.c2py(match.group(1)) if match else (lambda n: 0)
        counts = Counter(int(rule(n)) for n in range(1001))
    except (ValueError, SyntaxError, ZeroDivisionError):
        return frozenset()
    return frozenset(form for form in range(nplurals) if counts[form] == 1)


def _show(key: str, fmt: str) -> str:
    return {"python-format": f"%({key})" if not key.isdigit() else f"placeholder #{key}",
            "c-format": f"argument {key}", "python-brace-format": f"{{{key}}}"}[fmt]


@check("placeholders", Severity.ERROR, "Format placeholders differ from the source")
def placeholders(unit: Unit, ctx: Context) -> Iterator[str]:
    """Entries flagged python-format, c-format or python-brace-format keep
    every placeholder of the source with its type, and add none; otherwise
    the program crashes or prints the wrong value (msgfmt --check rejects it)."""
    formats = [name for name in FORMATS if name in unit.flags]
    lenient = single_value_forms(ctx.header.get("Plural-Forms", ""), ctx.nplurals) if unit.plural else frozenset()
    for fmt in formats:
        parse = FORMATS[fmt]
        source = parse(unit.msgid_plural or unit.msgid)
        if source is None:
            continue
        if unit.plural:
            singular = parse(unit.msgid) or {}
            source = {**singular, **source}
        if SYNTAX[fmt](unit.msgid_plural or unit.msgid):
            continue  # the English itself is not a valid format string
        for pair in unit.pairs(ctx.nplurals):
            problem = SYNTAX[fmt](pair.translation)
            if problem:
                yield pair.label(f"{fmt}: {problem}")
                continue
            found = parse(pair.translation)
            if found is None:
                yield pair.label("mixes named and unnamed placeholders: use one kind (as the source does)")
                continue
            extra = sorted(set(found) - set(source))
            missing = sorted(set(source) - set(found))
            if unit.plural and pair.source == unit.msgid:
                # The form that stands for the English singular may leave out
                # what the singular leaves out ("found one page"), as msgfmt allows.
                missing = [key for key in missing if key in singular]
            if pair.form is not None and pair.form in lenient:
                missing = []  # a form for one number may write the number out
            changed = sorted(k for k in set(found) & set(source) if found[k] != source[k])
            if fmt == "python-format" and all(k.isdigit() for k in source) and not missing and not extra:
                if [source[k] for k in sorted(source)] != [found[k] for k in sorted(found)]:
                    changed = changed or ["order"]
            problems = []
            if missing:
                problems.append("missing " + ", ".join(_show(k, fmt) for k in missing))
            if extra:
                problems.append("not in the source: " + ", ".join(_show(k, fmt) for k in extra))
            if changed:
                problems.append("different type or order: " + ", ".join(
                    _show(k, fmt) if k != "order" else "unnamed placeholders" for k in changed))
            if problems:
                yield pair.label(f"{fmt}: {'; '.join(problems)}; copy the placeholders exactly from the source")


@check("plural-count", Severity.ERROR, "Wrong number of plural forms in an entry")
def plural_count(unit: Unit, ctx: Context) -> Iterator[str]:
    """A plural entry has exactly as many msgstr[n] as the header's nplurals."""
    if unit.plural and len(unit.translations) != ctx.nplurals:
        yield (f"{len(unit.translations)} plural forms, but {ctx.language.english_name} "
               f"has nplurals={ctx.nplurals}: keep msgstr[0]..msgstr[{ctx.nplurals - 1}]")


def _same_language(header_code: str, code: str) -> bool:
    if header_code.replace("-", "_").lower() == code.replace("-", "_").lower():
        return True
    try:
        first, second = Locale.parse(header_code, sep="-" if "-" in header_code else "_"), Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    # zh_CN and zh_Hans are one written language; compare language and script.
    from ...languages import _likely_script

    return first.language == second.language and _likely_script(first) == _likely_script(second)


def accepted_nplurals(language) -> set[int]:
    """Plural counts a real catalog of the language may rightly declare: gettext's
    (Babel's table), CLDR's number of categories (Transifex writes these: 4 for
    Russian, counting fractions) and, where CLDR's "many" only covers numbers
    written with an exponent (French "1 million"), the count without it (the
    traditional nplurals=2 of French, Spanish, Italian, Portuguese)."""
    counts = {language.nplurals}
    try:
        rules = language.locale.plural_form.rules
    except (ValueError, UnknownLocaleError):  # no CLDR plural rules: gettext's count only
        return counts
    counts.add(len(rules) + 1)
    if " e " in f" {rules.get('many', '')} ":
        counts.add(len(rules))
    return counts


@check("header", Severity.ERROR, "Language or Plural-Forms header does not match the catalog", scope="catalog")
def header(ctx: Context) -> Iterator[tuple[int, str, str]]:
    """The header's Language is the folder's language and its Plural-Forms
    gives that language's number of forms; a catalog with plural entries
    needs Plural-Forms at all (msgfmt refuses it otherwise)."""
    line = msgid_line(ctx.lines, 1)
    language = ctx.header.get("Language", "").strip()
    if not language:
        yield line, "", f"no Language header: add \"Language: {ctx.language.code}\\n\""
    elif not _same_language(language, ctx.language.code):
        yield line, "", f"Language header says {language!r} but the catalog is for {ctx.language.code!r}"
    plural_forms = ctx.header.get("Plural-Forms", "").strip()
    has_plurals = any(entry.msgid_plural for entry in ctx.catalog if not entry.obsolete)
    if not plural_forms:
        if has_plurals:
            yield line, "", f"plural entries but no Plural-Forms header: add \"Plural-Forms: {ctx.language.plural_forms}\\n\""
        return
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    if not match or "plural" not in plural_forms.replace("nplurals", ""):
        yield line, "", f"Plural-Forms {plural_forms!r} is not valid: use {ctx.language.plural_forms!r}"
    elif int(match.group(1)) not in accepted_nplurals(ctx.language):
        yield line, "", (f"Plural-Forms says nplurals={match.group(1)} but {ctx.language.english_name} "
                         f"has {ctx.language.nplurals}: use {ctx.language.plural_forms!r}")


@check("duplicate", Severity.ERROR, "The same msgid twice in a catalog", scope="catalog")
def duplicate(ctx: Context) -> Iterator[tuple[int, str, str]]:
    """msgfmt refuses a catalog that defines a message twice; keep one entry."""
    seen: dict[tuple[str | None, str], int] = {}
    for entry in ctx.catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            yield ctx.entry_line(entry), entry.msgid, f"defined before at line {seen[key]}: merge the two entries"
        else:
            seen[key] = ctx.entry_line(entry)
