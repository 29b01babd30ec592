"""TMX 1.4b, the translation-memory interchange format (OmegaT, Trados, translate-toolkit, Weblate).

Written with lxml; read with lxml without resolving entities or the
network. A file that is not TMX is refused with one line naming where.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from ...errors import MmnError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_LANG = "en"


@dataclass(frozen=True)
class TmxUnit:
    language: str  # a project code (zh_CN), mapped from the TMX tag (zh-CN)
    source: str
    translation: str
    note: str = ""


def tmx_tag(code: str) -> str:
    """A gettext code as a BCP 47 tag: zh_CN -> zh-CN."""
    return code.replace("_", "-")


def project_code(tag: str) -> str:
    """A TMX language tag as the project writes codes: zh-cn -> zh_CN, TH -> th."""
    parts = tag.replace("_", "-").split("-")
    return "_".join([parts[0].lower(), *(part.upper() if len(part) == 2 else part for part in parts[1:])])


def write_tmx(units: Iterable[tuple[str, str, str, dict[str, str]]], tool_version: str) -> bytes:
    """TMX 1.4b for (language, source, translation, properties) units; one <tu> each."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="mmn-i18n", creationtoolversion=tool_version,
                     segtype="sentence", adminlang="en", srclang=SOURCE_LANG, datatype="plaintext",
                     **{"o-tmf": "gettext PO"})
    body = etree.SubElement(root, "body")
    for language, source, translation, properties in units:
        tu = etree.SubElement(body, "tu")
        for name, value in properties.items():
            prop = etree.SubElement(tu, "prop", type=name)
            prop.text = value
        for tag, text in ((SOURCE_LANG, source), (tmx_tag(language), translation)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: tag})
            seg = etree.SubElement(tuv, "seg")
            try:
                seg.text = text
            except ValueError:  # a control character XML 1.0 cannot carry
                raise MmnError(f"{properties.get('x-document', '?')} ({language}): {source[:60]!r} holds a control "
                               "character XML cannot carry; remove it from the catalog, then export again.") from None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def _seg_text(seg: etree._Element) -> str:
    """The text of a <seg>, inline markup (<bpt>, <ph>...) reduced to its text."""
    return "".join(seg.itertext())


def read_tmx(path: Path | str) -> list[TmxUnit]:
    """Every (source, translation) pair of a TMX file; MmnError naming file and line if it is not TMX."""
    path = Path(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as error:
        raise MmnError(f"{path}: cannot read ({error}).") from None
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise MmnError(f"{path}:{line}: not well-formed XML ({error.msg}). Export the memory again as TMX.") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise MmnError(f"{path}:{root.sourceline}: not a TMX file (expected <tmx> with a <body>).")
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else None) or SOURCE_LANG
    if srclang.lower() == "*all*":
        srclang = SOURCE_LANG
    units = []
    for tu in root.find("body").iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            tag = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if not tag or seg is None:
                raise MmnError(f"{path}:{tuv.sourceline}: a <tuv> needs xml:lang and a <seg>. Fix or re-export the file.")
            texts[project_code(tag)] = _seg_text(seg)
        source_code = project_code(srclang)
        source = texts.get(source_code) or next((t for c, t in texts.items() if c.split("_")[0] == source_code.split("_")[0]), None)
        if source is None:
            raise MmnError(f"{path}:{tu.sourceline}: a <tu> without the source language ({srclang}).")
        note = " ".join(prop.text or "" for prop in tu.findall("prop") if prop.get("type") == "x-document")
        for code, text in texts.items():
            if code.split("_")[0] != source_code.split("_")[0] and text:
                units.append(TmxUnit(code, source, text, note))
    return units
