"""The per-language CSS of the sites and PDFs (font stacks, line heights, upright emphasis), written from the facts table.

No stylesheet names a language code by hand: adding a language to
mmn_i18n.language_facts adds its rules here. The site's rules go into
mmn-fonts.css (publishing/site/fonts.py writes it at each build), the PDF's
replace the `/*@name@*/` markers of pdf/assets/print.css (pdf/render.py), the
landing pages' the marker of their style (publishing/landing.py).
Text still in the source language on a translated page carries
lang="<source language>" (publishing/site/lang_marks.py): the rules that set
it apart name the project's source language, never "en".
"""
from __future__ import annotations

from ..language_facts import FACTS, LanguageFacts

LATIN_STACK = '"Noto Sans", "Noto Sans CJK SC", sans-serif'
CJK_STACK = '"Noto Sans CJK SC", "Noto Sans", sans-serif'
CJK_SCRIPTS = ("Hans", "Hant", "Jpan", "Kore")


def _selectors(entries: list[LanguageFacts], suffix: str = "", base: bool = False) -> str:
    # base: the language without its region (:lang(zh) also covers zh-TW), for script-wide rules
    codes = list(dict.fromkeys(entry.code.split("_")[0] if base else entry.bcp47 for entry in entries))
    return ", ".join(f":lang({code}){suffix}" for code in codes)


def _grouped(entries: list[LanguageFacts], value) -> list[tuple[object, list[LanguageFacts]]]:
    """(value, entries) for each distinct non-empty value, in table order."""
    groups: dict[object, list[LanguageFacts]] = {}
    for entry in entries:
        if value(entry) not in (None, ""):
            groups.setdefault(value(entry), []).append(entry)
    return list(groups.items())


def _number(value: float) -> str:
    return f"{value:g}"


def site_rules(source_language: str = "en") -> list[str]:
    """Line heights and emphasis of the site, per language (appended to mmn-fonts.css)."""
    entries = list(FACTS.values())
    src = source_language.replace("_", "-")
    lines = ["", "/* Per-language typography, written from mmn_i18n/language_facts.py. */"]
    for height, group in _grouped(entries, lambda entry: entry.web_line_height):
        langs = _selectors(group)
        lines += [
            "/* Scripts with tall stacks of marks need more room between lines than Latin. */",
            f":root:is({langs}) :is(div.body, div.sphinxsidebar, div.mmn-banner) "
            f":is(p, li, dd, dt, td, th, blockquote, div) {{ line-height: {_number(height)}; }}",
            "/* Source-language text on a translated page keeps Latin's line height. */",
            f':root:is({langs}) div.body [lang="{src}"] :is(p, li, td, dd),',
            f':root:is({langs}) div.body :is(p, li, td, dd)[lang="{src}"] {{ line-height: 1.6; }}',
        ]
    upright = [entry for entry in entries if entry.upright_emphasis]
    if upright:
        lines += ["/* These scripts have no italic design: emphasis stays upright (no slanted fake) "
                  "and is set off by colour. */",
                  f':root:is({_selectors(upright, base=True)}) :is(em, i, cite):not([lang="{src}"]) {{',
                  "  font-style: normal; font-synthesis: none; color: #5a3e00;", "}"]
    return lines


def landing_rules() -> str:
    """The line height of scripts with tall stacks of marks on the landing pages (publishing/landing.py)."""
    return "\n".join(f":root:is({_selectors(group)}) body {{ line-height: {_number(height)}; }}"
                     for height, group in _grouped(list(FACTS.values()), lambda entry: entry.web_line_height))


def _font_stack(entry: LanguageFacts) -> str:
    if entry.font_family:
        return f'"{entry.font_family}", {LATIN_STACK}'
    return CJK_STACK if entry.script in CJK_SCRIPTS else LATIN_STACK


def print_rules(source_language: str = "en") -> dict[str, str]:
    """The text for each /*@name@*/ marker of print.css."""
    entries = list(FACTS.values())
    src = source_language.replace("_", "-")
    fonts = []
    for (stack, height), group in _grouped(entries, lambda entry: (_font_stack(entry), entry.pdf_line_height)):
        spacing = f" line-height: {_number(height)};" if height else ""
        fonts.append(f"{_selectors(group)} {{ font-family: {stack};{spacing} }}")
    headings = [f"{_selectors(group, ' h1')}, {_selectors(group, ' h2')} {{ line-height: {_number(height)}; }}"
                for height, group in _grouped(entries, lambda entry: entry.pdf_heading_line_height)]
    cells = [f"{_selectors(group, ' td')}, {_selectors(group, ' th')} {{ line-height: {_number(height)}; }}"
             for height, group in _grouped(entries, lambda entry: entry.pdf_table_line_height)]
    upright = [entry for entry in entries if entry.upright_emphasis]
    emphasis = ""
    if upright:
        emphasis = (",\n".join(", ".join(f"{tag}:lang({code})" for tag in ("em", "i", "cite", "dfn", "var"))
                               for code in dict.fromkeys(entry.code.split("_")[0] for entry in upright))
                    + " {\n  font-style: normal;\n  color: #7a2e00;\n  text-decoration: underline dotted #7a2e00;\n}")
    untranslated = (f'html:not([lang|="{src}"]) :is(p, h1, h2, h3, h4, h5, h6, li, dt, dd, td, th, section, div, '
                    f'blockquote, pre)[lang|="{src}"],\nhtml:not([lang|="{src}"]) div.mmn-field-en {{\n'
                    "  border-left: 2pt solid #d9a400;\n  padding-left: 2mm;\n}")
    return {"untranslated": untranslated, "fonts": "\n".join(fonts), "headings": "\n".join(headings),
            "emphasis": emphasis, "table-cells": "\n".join(cells)}


def render_markers(template: str, rules: dict[str, str]) -> str:
    """template with each /*@name@*/ replaced by rules[name]."""
    for name, text in rules.items():
        marker = f"/*@{name}@*/"
        if marker not in template:
            raise ValueError(f"stylesheet has no {marker} marker")
        template = template.replace(marker, text)
    return template
