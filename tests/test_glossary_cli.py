"""`mmn-i18n glossary export|import|lookup` on a real copy of the project."""
from __future__ import annotations

import csv
import io
import subprocess

import pytest
from lxml import etree

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.glossary import load_termbase
from mmn_i18n.gettext.glossary.load import glossary_catalog
from mmn_i18n.project import load_project

LANGUAGES = ["my", "km", "lo", "th", "vi", "zh_CN", "shn"]
TBX = "{urn:iso:std:iso:30042:ed-2}"

# TBX-Basic (ISO 30042:2019, DCA style) as a RELAX NG grammar: the core structure
# (tbx > tbxHeader + text > body > conceptEntry > langSec > termSec) and the
# data categories TBX-Basic allows, with their picklist values.
TBX_BASIC_RNG = """
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:iso:std:iso:30042:ed-2"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="tbx">
      <attribute name="type"><value>TBX-Basic</value></attribute>
      <attribute name="style"><value>dca</value></attribute>
      <ref name="xmlLang"/>
      <element name="tbxHeader">
        <element name="fileDesc">
          <optional><element name="titleStmt"><element name="title"><text/></element></element></optional>
          <element name="sourceDesc"><oneOrMore><element name="p"><text/></element></oneOrMore></element>
        </element>
      </element>
      <element name="text">
        <element name="body"><oneOrMore><ref name="conceptEntry"/></oneOrMore></element>
      </element>
    </element>
  </start>
  <define name="xmlLang">
    <attribute><name ns="http://www.w3.org/XML/1998/namespace">lang</name><data type="language"/></attribute>
  </define>
  <define name="conceptEntry">
    <element name="conceptEntry">
      <attribute name="id"><data type="ID"/></attribute>
      <zeroOrMore><choice>
        <element name="descrip"><attribute name="type"><choice><value>subjectField</value><value>definition</value></choice></attribute><text/></element>
        <element name="ref"><attribute name="type"><value>crossReference</value></attribute><attribute name="target"><data type="IDREF"/></attribute><text/></element>
        <ref name="transacGrp"/>
        <ref name="note"/>
      </choice></zeroOrMore>
      <oneOrMore><ref name="langSec"/></oneOrMore>
    </element>
  </define>
  <define name="transacGrp">
    <element name="transacGrp">
      <element name="transac"><attribute name="type"><value>transactionType</value></attribute>
        <choice><value>origination</value><value>modification</value></choice></element>
      <element name="date"><data type="date"/></element>
    </element>
  </define>
  <define name="note"><element name="note"><text/></element></define>
  <define name="langSec">
    <element name="langSec">
      <ref name="xmlLang"/>
      <zeroOrMore><choice>
        <element name="descrip"><attribute name="type"><value>definition</value></attribute><text/></element>
        <ref name="note"/>
      </choice></zeroOrMore>
      <oneOrMore><ref name="termSec"/></oneOrMore>
    </element>
  </define>
  <define name="termSec">
    <element name="termSec">
      <element name="term"><text/></element>
      <zeroOrMore>
        <element name="termNote"><choice>
          <group><attribute name="type"><value>partOfSpeech</value></attribute>
            <choice><value>adjective</value><value>noun</value><value>other</value><value>adverb</value><value>properNoun</value><value>verb</value></choice></group>
          <group><attribute name="type"><value>administrativeStatus</value></attribute>
            <choice><value>admittedTerm-admn-sts</value><value>deprecatedTerm-admn-sts</value><value>supersededTerm-admn-sts</value><value>preferredTerm-admn-sts</value></choice></group>
        </choice></element>
      </zeroOrMore>
      <zeroOrMore><choice>
        <element name="descrip"><attribute name="type"><value>context</value></attribute><text/></element>
        <ref name="note"/>
      </choice></zeroOrMore>
    </element>
  </define>
</grammar>
"""


def read_sheet(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so spreadsheet programs detect the encoding"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def all_translations(project_dir) -> dict[str, dict[str, tuple[str, bool]]]:
    result = {}
    for lang in LANGUAGES:
        catalog = read_catalog(glossary_catalog(project_dir / "locale", lang))
        result[lang] = {e.msgid: (e.msgstr, "fuzzy" in e.flags) for e in catalog if e.msgstr}
    return result


def test_tbx_export_validates_as_tbx_basic(run, project_dir):
    result = run(["glossary", "export", "--format", "tbx-basic", "-o", "vocabulary.tbx"])
    assert result.exit_code == 0, result.output
    document = etree.parse(str(project_dir / "vocabulary.tbx"))
    schema = etree.RelaxNG(etree.fromstring(TBX_BASIC_RNG.encode()))
    assert schema.validate(document), schema.error_log
    entries = document.findall(f".//{TBX}conceptEntry")
    termbase = load_termbase(load_project(project_dir))
    assert len(entries) == len(termbase.terms)
    worker = document.find(f".//{TBX}conceptEntry[@id='c-migrant-worker']")
    languages = [section.get("{http://www.w3.org/XML/1998/namespace}lang") for section in worker.iter(f"{TBX}langSec")]
    assert languages == ["en", "my", "km", "lo", "th", "vi", "zh-CN", "shn"]
    undocumented = document.find(f".//{TBX}conceptEntry[@id='c-undocumented-migrant']")
    deprecated = [sec.findtext(f"{TBX}term") for sec in undocumented.iter(f"{TBX}termSec")
                  if sec.findtext(f"{TBX}termNote[@type='administrativeStatus']") == "deprecatedTerm-admn-sts"]
    assert {"illegal migrant", "แรงงานเถื่อน", "非法移民"} <= set(deprecated)


@pytest.mark.parametrize("options", [[], ["--format", "tbx"], ["--format", "tbx2"]])
def test_default_tbx_export_reads_in_the_translate_toolkit(run, project_dir, options):
    """The default TBX (<martif>, 2008) is what Weblate and Pootle read, through the Translate Toolkit."""
    from translate.storage import tbx

    result = run(["glossary", "export", *options, "--lang", "th", "-o", "v2.tbx"])
    assert result.exit_code == 0, result.output
    with open(project_dir / "v2.tbx", "rb") as handle:
        store = tbx.tbxfile(handle, sourcelanguage="en", targetlanguage="th")
    by_source = {unit.source: unit for unit in store.units}
    assert by_source["work permit"].target == "ใบอนุญาตทำงาน"
    thai = by_source["undocumented migrant"].get_target_terms()
    assert [t.text for t in thai if t.deprecated] == ["แรงงานเถื่อน", "แรงงานต่างด้าวผิดกฎหมาย", "ผู้ลักลอบเข้าเมือง"]
    assert any(n.category == "definition" and n.text.startswith("ผู้ย้ายถิ่นที่ขาดเอกสาร") for t in thai for n in t.notes)


def test_tbx_leaves_out_unreviewed_translations_unless_asked(run):
    reviewed = run(["glossary", "export", "--lang", "shn"]).stdout_bytes
    everything = run(["glossary", "export", "--lang", "shn", "--include-fuzzy"]).stdout_bytes
    fuzzy_shan = "ၵူၼ်းပႅတ်ႈလိၼ် ၼႂ်းမိူင်း"  # internally displaced person, not yet reviewed
    assert fuzzy_shan.encode() not in reviewed and fuzzy_shan.encode() in everything


def test_csv_export_has_one_column_per_language(run):
    result = run(["glossary", "export", "--format", "csv", "--lang", "th", "--lang", "lo"])
    assert result.exit_code == 0, result.output
    rows = read_sheet(result.stdout_bytes)
    assert list(rows[0])[:4] == ["id", "en", "lo", "th"]
    by_id = {row["id"]: row for row in rows}
    assert by_id["work-permit"]["th"] == "ใบอนุญาตทำงาน"
    assert by_id["work-permit"]["lo"] == "ໃບອະນຸຍາດເຮັດວຽກ"
    assert by_id["work-permit"]["en:definition"].startswith("An official document")


def test_csv_round_trip_loses_nothing_and_reports_changes(run, project_dir):
    # The bundled Vietnamese vocabulary defines every term: leave one definition
    # out of this copy so that the partner's sheet has a cell to fill.
    vi = glossary_catalog(project_dir / "locale", "vi")
    catalog = read_catalog(vi)
    catalog.find("An endorsement from a country's authorities that allows a person to enter or stay there "
                 "for a stated purpose and period.").msgstr = ""
    write_catalog(catalog, vi)
    before = all_translations(project_dir)
    exported = run(["glossary", "export", "--format", "csv", "--include-fuzzy", "-o", "sheet.csv"])
    assert exported.exit_code == 0, exported.output
    unchanged = run(["glossary", "import", "sheet.csv"])
    assert unchanged.exit_code == 0, unchanged.output
    assert "0 added, 0 updated" in unchanged.stderr
    assert all_translations(project_dir) == before, "re-importing an untouched sheet changes nothing"

    # A partner changes one Thai term, adds a Vietnamese definition and blanks a Lao cell.
    sheet = project_dir / "sheet.csv"
    rows = read_sheet(sheet.read_bytes())
    for row in rows:
        if row["id"] == "visa":
            row["th"] = "การตรวจลงตรา"
            row["vi:definition"] = "Sự chấp thuận của cơ quan chức năng cho phép một người nhập cảnh hoặc lưu trú vì một mục đích và trong một thời hạn nhất định."
            row["lo"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))

    result = run(["glossary", "import", "sheet.csv"])
    assert result.exit_code == 0, result.output
    assert "updated  th     visa (term): การตรวจลงตรา  [was: วีซ่า]" in result.stdout
    assert "added    vi     visa (definition)" in result.stdout
    assert "1 added, 1 updated in th, vi; nothing removed." in result.stderr
    after = all_translations(project_dir)
    assert after["th"]["visa"] == ("การตรวจลงตรา", False)
    assert after["lo"]["visa"] == before["lo"]["visa"], "an empty cell never removes a translation"
    for lang in LANGUAGES:
        assert set(before[lang]) <= set(after[lang]), lang
    for lang in ("th", "vi"):  # the catalogs stay valid for gettext
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                        str(glossary_catalog(project_dir / "locale", lang))], check=True)


def test_import_marks_unchecked_text_fuzzy(run, project_dir):
    sheet = project_dir / "sheet.csv"
    sheet.write_text("id,km:example\nbroker,មេខ្យល់បានរក្សាលិខិតឆ្លងដែនរបស់កម្មករ។\n", encoding="utf-8")
    result = run(["glossary", "import", "--fuzzy", "sheet.csv"])
    assert result.exit_code == 0, result.output
    entry = read_catalog(glossary_catalog(project_dir / "locale", "km")).find(
        "The broker kept the workers' passports until they had paid off the fee.")
    assert entry.msgstr.startswith("មេខ្យល់") and "fuzzy" in entry.flags


@pytest.mark.parametrize(("content", "message"), [
    ("id,th\nno-such-term,คำ\n", "sheet.csv:2: id 'no-such-term' is not in glossary/terms.csv"),
    ("id,th,xx\nbroker,คำ,x\n", "sheet.csv:1: unknown column 'xx'"),
    ("term,th\nbroker,คำ\n", "sheet.csv:1: the first column must be 'id'"),
    ("id,th\nbroker,นายหน้า : คน\n", "sheet.csv:2: the th term of 'broker' must be one line without ' : '"),
])
def test_bad_sheet_is_refused_before_any_catalog_changes(run, project_dir, content, message):
    before = all_translations(project_dir)
    (project_dir / "sheet.csv").write_text(content, encoding="utf-8")
    result = run(["glossary", "import", "sheet.csv"])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert all_translations(project_dir) == before


def test_lookup_from_the_command_line(run):
    thai = run(["glossary", "lookup", "แรงงานเถื่อน"])
    assert thai.exit_code == 0
    assert thai.stdout.splitlines()[0].startswith("AVOID 'แรงงานเถื่อน' (th): use 'แรงงานข้ามชาติที่ไม่มีเอกสาร'")
    assert "undocumented migrant [undocumented-migrant]" in thai.stdout
    chinese = run(["glossary", "lookup", "工作许可证"])
    assert "work permit [work-permit]" in chinese.stdout.splitlines()[0]
    assert "ใบอนุญาตทำงาน" in chinese.stdout
    missing = run(["glossary", "lookup", "qqqq"])
    assert missing.exit_code == 1 and "No entry matches 'qqqq'." in missing.stdout
