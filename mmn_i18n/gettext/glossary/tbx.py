"""The termbase as TBX-Basic, for partners' CAT tools.

Two dialects of the same content:

* ``tbx`` (default, also ``tbx2``): TBX-Basic of ISO 30042:2008 (TBX v2,
  ``<martif>``), termEntry > langSet > tig, which the Translate Toolkit
  (hence Weblate and Pootle) and most CAT tools read. It is the default
  because a file partners' tools cannot open is no exchange at all.
* ``tbx-basic``: TBX-Basic of ISO 30042:2019 (TBX v3, DCA style):
  ``<tbx type="TBX-Basic" style="dca">``, conceptEntry > langSec > termSec.

One concept per term: subject field (category), related concepts as
crossReference refs, the date added as an origination transaction; one
language section per language with the definition and a term section for the
term (part of speech, preferred status, usage example as context). Terms to
avoid are extra term sections with administrativeStatus deprecatedTerm-admn-sts
and the reason as a note. Unreviewed (fuzzy) translations are left out unless
asked for.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ...language_facts import html_lang
from .model import Termbase

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PART_OF_SPEECH = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb"}


@dataclass(frozen=True)
class Dialect:
    namespace: str | None
    root: str
    header: str
    entry: str
    language: str
    term: str


TBX3 = Dialect("urn:iso:std:iso:30042:ed-2", "tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
TBX2 = Dialect(None, "martif", "martifHeader", "termEntry", "langSet", "tig")
DIALECTS = {"tbx": TBX2, "tbx2": TBX2, "tbx-basic": TBX3}


def tbx_lang(code: str) -> str:
    return html_lang(code)


class _Writer:
    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def tag(self, name: str) -> str:
        return f"{{{self.dialect.namespace}}}{name}" if self.dialect.namespace else name

    def el(self, parent, name: str, text: str | None = None, **attributes) -> etree._Element:
        element = etree.SubElement(parent, self.tag(name))
        for key, value in attributes.items():
            element.set(XML_LANG if key == "lang" else key, value)
        if text is not None:
            element.text = text
        return element


def export_tbx(termbase: Termbase, languages: list[str], include_fuzzy: bool = False,
               dialect: str = "tbx") -> bytes:
    d = DIALECTS[dialect]
    w = _Writer(d)
    root = etree.Element(w.tag(d.root), nsmap={None: d.namespace} if d.namespace else None)
    if d is TBX3:
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX-Basic-V1")
    root.set(XML_LANG, "en")
    header = w.el(root, d.header)
    file_desc = w.el(header, "fileDesc")
    w.el(w.el(file_desc, "titleStmt"), "title", "Mekong Vocabulary on Migration")
    w.el(w.el(file_desc, "sourceDesc"), "p",
         "Exported by mmn-i18n from glossary/terms.csv and the vocabulary catalogs of the Mekong Migration Network.")
    if d is TBX2:
        w.el(w.el(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = w.el(w.el(root, "text"), "body")
    for term in sorted(termbase.terms, key=lambda t: t.term.casefold()):
        entry = w.el(body, d.entry, id=f"c-{term.id}")
        w.el(entry, "descrip", term.category, type="subjectField")
        for related in term.related:
            w.el(entry, "ref", termbase.term(related).term, type="crossReference", target=f"c-{related}")
        transaction = w.el(entry, "transacGrp")
        w.el(transaction, "transac", "origination", type="transactionType")
        w.el(transaction, "date", term.added)
        for lang in ["en", *languages]:
            text = termbase.translation(term.id, lang, "term", include_fuzzy)
            avoided = [a for a in termbase.avoided_terms(lang) if a.term_id == term.id]
            if not text and not avoided:
                continue
            section = w.el(entry, d.language, lang=tbx_lang(lang))
            definition = termbase.translation(term.id, lang, "definition", include_fuzzy)
            if definition:
                w.el(section, "descrip", definition, type="definition")
            if text:
                term_sec = w.el(section, d.term)
                w.el(term_sec, "term", text)
                w.el(term_sec, "termNote", PART_OF_SPEECH.get(term.part_of_speech, "other"), type="partOfSpeech")
                w.el(term_sec, "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
                example = termbase.translation(term.id, lang, "example", include_fuzzy)
                if example:
                    w.el(term_sec, "descrip", example, type="context")
            for avoid in avoided:
                term_sec = w.el(section, d.term)
                w.el(term_sec, "term", avoid.text)
                w.el(term_sec, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
                if avoid.note:
                    w.el(term_sec, "note", avoid.note)
    doctype = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' if d is TBX2 else None
    return etree.tostring(etree.ElementTree(root), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True, doctype=doctype)
