"""The termbase as TBX-Basic (ISO 30042:2019, DCA style), for partners' CAT tools.

One conceptEntry per term: subject field (category), related concepts as
crossReference refs, the date added as an origination transaction; one
langSec per language with the definition and a termSec for the term
(part of speech, preferred status, usage example as context). Terms to avoid
are extra termSecs with administrativeStatus deprecatedTerm-admn-sts and the
reason as a note. Unreviewed (fuzzy) translations are left out unless asked for.
"""
from __future__ import annotations

from lxml import etree

from ..languages import get_language
from .model import Termbase

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PART_OF_SPEECH = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb"}


def _el(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}")
    for name, value in attributes.items():
        element.set(XML_LANG if name == "lang" else name, value)
    if text is not None:
        element.text = text
    return element


def tbx_lang(code: str) -> str:
    return "en" if code == "en" else get_language(code).html_lang


def export_tbx(termbase: Termbase, languages: list[str], include_fuzzy: bool = False) -> bytes:
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    header = _el(root, "tbxHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", "Mekong Vocabulary on Migration")
    _el(_el(file_desc, "sourceDesc"), "p",
        "Exported by mmn-i18n from glossary/terms.csv and the vocabulary catalogs of the Mekong Migration Network.")
    body = _el(_el(root, "text"), "body")
    for term in sorted(termbase.terms, key=lambda t: t.term.casefold()):
        entry = _el(body, "conceptEntry", id=f"c-{term.id}")
        _el(entry, "descrip", term.category, type="subjectField")
        for related in term.related:
            _el(entry, "ref", termbase.term(related).term, type="crossReference", target=f"c-{related}")
        transaction = _el(entry, "transacGrp")
        _el(transaction, "transac", "origination", type="transactionType")
        _el(transaction, "date", term.added)
        for lang in ["en", *languages]:
            text = termbase.translation(term.id, lang, "term", include_fuzzy)
            avoided = termbase.avoided_terms(lang)
            avoided = [a for a in avoided if a.term_id == term.id]
            if not text and not avoided:
                continue
            section = _el(entry, "langSec", lang=tbx_lang(lang))
            definition = termbase.translation(term.id, lang, "definition", include_fuzzy)
            if definition:
                _el(section, "descrip", definition, type="definition")
            if text:
                term_sec = _el(section, "termSec")
                _el(term_sec, "term", text)
                _el(term_sec, "termNote", PART_OF_SPEECH.get(term.part_of_speech, "other"), type="partOfSpeech")
                _el(term_sec, "termNote", "preferredTerm-admn-sts", type="administrativeStatus")
                example = termbase.translation(term.id, lang, "example", include_fuzzy)
                if example:
                    _el(term_sec, "descrip", example, type="context")
            for avoid in avoided:
                term_sec = _el(section, "termSec")
                _el(term_sec, "term", avoid.text)
                _el(term_sec, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
                if avoid.note:
                    _el(term_sec, "note", avoid.note)
    document = etree.ElementTree(root)
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
