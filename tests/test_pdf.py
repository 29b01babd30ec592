"""PDFs, opened and read back: fonts, text, margins, metadata, outline and page numbers in every language.

One short document, translated (in our own words) into all seven languages,
is built once per session; every test reads the real PDFs.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import polib
import pypdfium2
import pytest
from fontTools.ttLib import TTFont
from html.parser import HTMLParser
from io import BytesIO
from pypdf import PdfReader
from pypdf.generic import ContentStream

from mmn_i18n.gettext.glossary.load import glossary_catalog
from mmn_i18n.publishing.pdf import build_pdfs, language_inputs_digest, page_dir, part_paths, pdf_path, printed_parts
from mmn_i18n.publishing.pdf.split import GLOSSARY_TERMS_PER_PART, TABLE_ROWS_PER_PART
from mmn_i18n.segment import ZWSP
from mmn_i18n.publishing.site.site_text import translate
from mmn_i18n.project import load_project

REPO = Path(__file__).resolve().parents[1]
DOC = "pdf-sample"
RIGHT_MARGIN_PT = 20 / 25.4 * 72  # print.css: 20 mm

TITLE = "Migrant workers deserve protection"
HEADING_1 = "Rights at work"
LONG = (
    "Migrant workers from Myanmar, Cambodia and Laos keep the economies of the region running, yet many of "
    "them are paid less than the minimum wage, work long hours without a day of rest and cannot change their "
    "employer freely. Governments must protect the rights of every migrant worker, whatever documents they hold."
)
HEADING_2 = "What we ask"
ASK = "We ask the governments of the Mekong region to listen to migrants and to the communities they come from."
WAGES = "fair wages"
SAFETY = "safe workplaces"

SOURCE = f"""\
:kind: statement
:date: 2015-12-18
:publish-in: my km lo th vi zh_CN shn

{TITLE}
{"=" * len(TITLE)}

{HEADING_1}
{"-" * len(HEADING_1)}

{LONG}

{LONG}

{LONG}

{HEADING_2}
{"-" * len(HEADING_2)}

{ASK}

* {WAGES}
* {SAFETY}
"""

TRANSLATIONS = {
    "th": {
        TITLE: "แรงงานข้ามชาติควรได้รับการคุ้มครอง",
        HEADING_1: "สิทธิในการทำงาน",
        LONG: "แรงงานข้ามชาติจากเมียนมา กัมพูชา และลาว ช่วยขับเคลื่อนเศรษฐกิจของภูมิภาค "
              "แต่หลายคนได้รับค่าจ้างต่ำกว่าค่าจ้างขั้นต่ำ ทำงานเป็นเวลานานโดยไม่มีวันหยุดพัก "
              "และไม่สามารถเปลี่ยนนายจ้างได้อย่างอิสระ รัฐบาลต้องคุ้มครองสิทธิของแรงงานข้ามชาติทุกคน "
              "ไม่ว่าพวกเขาจะถือเอกสารใดก็ตาม",
        HEADING_2: "สิ่งที่เราเรียกร้อง",
        ASK: "เราขอให้รัฐบาลในภูมิภาคแม่โขงรับฟังเสียงของแรงงานข้ามชาติและชุมชนต้นทางของพวกเขา",
        WAGES: "ค่าจ้างที่เป็นธรรม",
        SAFETY: "สถานที่ทำงานที่ปลอดภัย",
    },
    "lo": {
        TITLE: "ແຮງງານເຄື່ອນຍ້າຍຄວນໄດ້ຮັບການປົກປ້ອງ",
        HEADING_1: "ສິດທິໃນການເຮັດວຽກ",
        LONG: "ແຮງງານເຄື່ອນຍ້າຍຈາກມຽນມາ ກຳປູເຈຍ ແລະລາວຊ່ວຍຂັບເຄື່ອນເສດຖະກິດຂອງພາກພື້ນ"
              "ແຕ່ຫຼາຍຄົນໄດ້ຮັບຄ່າແຮງຕ່ຳກວ່າຄ່າແຮງຂັ້ນຕ່ຳເຮັດວຽກເປັນເວລາດົນໂດຍບໍ່ມີວັນພັກແລະບໍ່ສາມາດປ່ຽນນາຍຈ້າງໄດ້ຢ່າງເສລີ. "
              "ລັດຖະບານຕ້ອງປົກປ້ອງສິດທິຂອງແຮງງານເຄື່ອນຍ້າຍທຸກຄົນບໍ່ວ່າເຂົາເຈົ້າຈະມີເອກະສານໃດກໍຕາມ.",
        HEADING_2: "ສິ່ງທີ່ພວກເຮົາຮຽກຮ້ອງ",
        ASK: "ພວກເຮົາຂໍໃຫ້ລັດຖະບານໃນພາກພື້ນແມ່ນ້ຳຂອງຮັບຟັງສຽງຂອງແຮງງານເຄື່ອນຍ້າຍແລະຊຸມຊົນທີ່ເຂົາເຈົ້າຈາກມາ.",
        WAGES: "ຄ່າແຮງທີ່ເປັນທຳ",
        SAFETY: "ບ່ອນເຮັດວຽກທີ່ປອດໄພ",
    },
    "km": {
        TITLE: "ពលករចំណាកស្រុកគួរតែទទួលបានការការពារ",
        HEADING_1: "សិទ្ធិនៅកន្លែងការងារ",
        LONG: "ពលករចំណាកស្រុកមកពីមីយ៉ាន់ម៉ា កម្ពុជា និងឡាវធ្វើឱ្យសេដ្ឋកិច្ចនៃតំបន់ដំណើរការទៅមុខ "
              "ប៉ុន្តែពួកគេជាច្រើនទទួលបានប្រាក់ឈ្នួលទាបជាងប្រាក់ឈ្នួលអប្បបរមាធ្វើការច្រើនម៉ោងដោយគ្មានថ្ងៃសម្រាកហើយមិនអាចផ្លាស់ប្តូរនិយោជកដោយសេរីបានទេ។ "
              "រដ្ឋាភិបាលត្រូវតែការពារសិទ្ធិរបស់ពលករចំណាកស្រុកគ្រប់រូបទោះបីជាពួកគេកាន់ឯកសារអ្វីក៏ដោយ។",
        HEADING_2: "អ្វីដែលយើងស្នើសុំ",
        ASK: "យើងស្នើសុំរដ្ឋាភិបាលនៃតំបន់មេគង្គឱ្យស្តាប់ពលករចំណាកស្រុក និងសហគមន៍ដែលពួកគេមកពី។",
        WAGES: "ប្រាក់ឈ្នួលសមរម្យ",
        SAFETY: "កន្លែងធ្វើការប្រកបដោយសុវត្ថិភាព",
    },
    "my": {
        TITLE: "ရွှေ့ပြောင်းအလုပ်သမားများ အကာအကွယ်ရထိုက်သည်",
        HEADING_1: "အလုပ်ခွင်အခွင့်အရေးများ",
        LONG: "မြန်မာ၊ ကမ္ဘောဒီးယားနှင့် လာအိုနိုင်ငံများမှ ရွှေ့ပြောင်းအလုပ်သမားများသည် ဒေသ၏စီးပွားရေးကိုရှေ့ဆက်လည်ပတ်စေသော်လည်း "
              "၎င်းတို့အနက်အများအပြားသည်အနည်းဆုံးလုပ်ခထက်လျော့နည်းသောလုပ်ခကိုသာရရှိပြီးအနားယူရက်မရှိဘဲနာရီများစွာအလုပ်လုပ်ရကာ"
              "အလုပ်ရှင်ကိုလွတ်လပ်စွာပြောင်းလဲခွင့်မရှိပါ။ "
              "အစိုးရများသည် မည်သည့်စာရွက်စာတမ်းကိုင်ဆောင်ထားသည်ဖြစ်စေ ရွှေ့ပြောင်းအလုပ်သမားတိုင်း၏အခွင့်အရေးများကိုကာကွယ်ပေးရမည်။",
        HEADING_2: "ကျွန်ုပ်တို့၏တောင်းဆိုချက်များ",
        ASK: "မဲခေါင်ဒေသရှိအစိုးရများအနေဖြင့် ရွှေ့ပြောင်းအလုပ်သမားများနှင့် ၎င်းတို့ထွက်ခွာလာသောရပ်ရွာလူထုများ၏အသံကို"
             "နားထောင်ပေးရန် ကျွန်ုပ်တို့တောင်းဆိုပါသည်။",
        WAGES: "တရားမျှတသောလုပ်ခ",
        SAFETY: "ဘေးကင်းသောလုပ်ငန်းခွင်",
    },
    "shn": {
        TITLE: "ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်း ထုၵ်ႇလီလႆႈႁပ်ႉၵၢၼ်ႁႄႉၵင်ႈ",
        HEADING_1: "သုၼ်ႇလႆႈၼႂ်းၵၢၼ်ႁဵတ်း",
        LONG: "ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်းဢၼ်မႃးတီႈမိူင်းမၢၼ်ႈ မိူင်းၶမဵၼ်း လႄႈမိူင်းလၢဝ်း ႁဵတ်းႁႂ်ႈၵၢၼ်ၵႃႉၶၢႆၶွင်ၸဵတ်ႈၸၢႆးမိူင်းၵႂႃႇၼႃႈလႆႈ "
              "ၵူၺ်းၵႃႈၶဝ်ၼမ်ၼမ်လႆႈၵႃႈၶၢင်ႈတႅမ်ႇလိူဝ်ၵႃႈၶၢင်ႈဢၼ်ဢေႇသုတ်းႁဵတ်းၵၢၼ်ၼမ်ၸူဝ်ႈမူင်းဢမ်ႇမီးဝၼ်းယိူၼ်ႇသေဢမ်ႇၸၢင်ႈလႅၵ်ႈလၢႆႈၸဝ်ႈၵၢၼ်လႆႈ။ "
              "ၽွင်းငၢၼ်းၶိုၼ်ႈမိူင်းတေလႆႈႁႄႉၵင်ႈသုၼ်ႇလႆႈၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်းၵူႈၵေႃႉ ဢမ်ႇဝႃႈၶဝ်ပႃးလိၵ်ႈမၵ်းမၼ်ႈသင်ၵေႃႈယဝ်ႉ။",
        HEADING_2: "ၶေႃႈယွၼ်ႈၶွင်ႁဝ်း",
        ASK: "ႁဝ်းၶေႃႈႁႂ်ႈၽွင်းငၢၼ်းၶိုၼ်ႈမိူင်းၼႂ်းပိူင်ႈမႄႈၼမ်ႉၶွင်း ထွမ်ႇၶႂၢမ်းၵူၼ်းၶၢမ်ႈမိူင်းလႄႈၸုမ်းၸူမ်ႉဢၼ်ၶဝ်မႃးၼၼ်ႉ။",
        WAGES: "ၵႃႈၶၢင်ႈဢၼ်မၢၼ်ႇမႅၼ်ႈ",
        SAFETY: "တီႈႁဵတ်းၵၢၼ်ဢၼ်လွတ်ႈၽေး",
    },
    "vi": {
        TITLE: "Người lao động di cư xứng đáng được bảo vệ",
        HEADING_1: "Quyền tại nơi làm việc",
        LONG: "Người lao động di cư từ Myanmar, Campuchia và Lào giữ cho nền kinh tế của khu vực vận hành, nhưng nhiều "
              "người trong số họ được trả lương thấp hơn mức lương tối thiểu, làm việc nhiều giờ liền không có ngày nghỉ "
              "và không thể tự do thay đổi chủ sử dụng lao động. Chính phủ phải bảo vệ quyền của mọi người lao động di cư, "
              "bất kể họ có giấy tờ gì.",
        HEADING_2: "Những điều chúng tôi đề nghị",
        ASK: "Chúng tôi đề nghị chính phủ các nước trong khu vực sông Mê Kông lắng nghe người di cư và cộng đồng nơi họ ra đi.",
        WAGES: "tiền lương công bằng",
        SAFETY: "nơi làm việc an toàn",
    },
    "zh_CN": {
        TITLE: "移民工人应当得到保护",
        HEADING_1: "工作中的权利",
        LONG: "来自缅甸、柬埔寨和老挝的移民工人维持着本地区经济的运转，但他们中的许多人工资低于最低工资，"
              "长时间工作而没有休息日，也不能自由更换雇主。无论持有何种证件，各国政府都必须保护每一位移民工人的权利。",
        HEADING_2: "我们的呼吁",
        ASK: "我们请求湄公河地区各国政府倾听移民及其家乡社区的声音。",
        WAGES: "公平的工资",
        SAFETY: "安全的工作场所",
    },
}
# A second document: a contacts table long enough to run over two pages, its
# first column English terms no catalog translates (so the translated PDFs
# are partly translated and carry the notice), a translated paragraph that
# wraps, an e-mail address and a phone number per row, and an emphasised line.
TABLE_DOC = "pdf-contacts"
ENGLISH_TERMS = ["memorandum of understanding", "labour migration", "recruitment agency", "undocumented migrant",
                 "reintegration", "nationality verification", "occupational safety", "complaint mechanism"]
EMAIL = "info@mekongmigration.org"
PHONES = [f"+66 53 283 2{row:02d}" for row in range(12)]


def table_source() -> str:
    rows = "".join(
        f"   * - {ENGLISH_TERMS[row % len(ENGLISH_TERMS)]}\n     - {LONG}\n     - {EMAIL}\n     - {phone}\n"
        for row, phone in enumerate(PHONES))
    return (f":kind: press-release\n:date: 2015-12-18\n:publish-in: my km lo th vi zh_CN shn\n\n"
            f"{HEADING_2}\n{'=' * len(HEADING_2)}\n\n*{WAGES}*\n\n"
            f".. list-table::\n   :widths: 20 52 14 14\n\n{rows}")


def table_translations(lang: str) -> dict[str, str]:
    """Everything but the English terms and the phone numbers: those stay as written."""
    entries = TRANSLATIONS[lang]
    return {HEADING_2: entries[HEADING_2], f"*{WAGES}*": f"*{entries[WAGES]}*", LONG: entries[LONG], EMAIL: EMAIL}


LANGUAGES = ["en", "my", "km", "lo", "th", "vi", "zh_CN", "shn"]
HTML_LANG = {"zh_CN": "zh-CN"}


def text_of(lang: str, msgid: str) -> str:
    return msgid if lang == "en" else TRANSLATIONS[lang][msgid]


def make_sample_project(root: Path) -> Path:
    """A project with one short document, translated into every language."""
    (root / "source").mkdir(parents=True)
    shutil.copy2(REPO / "conf.py", root / "conf.py")
    (root / "pyproject.toml").write_text(
        '[tool.mmn-i18n]\nsource-language = "en"\nlanguages = ["my", "km", "lo", "th", "vi", "zh_CN", "shn"]\n',
        encoding="utf-8")
    (root / "source" / "index.rst").write_text(
        f"Publications\n============\n\n.. toctree::\n\n   {DOC}\n   {TABLE_DOC}\n", encoding="utf-8")
    (root / "source" / f"{DOC}.rst").write_text(SOURCE, encoding="utf-8")
    (root / "source" / f"{TABLE_DOC}.rst").write_text(table_source(), encoding="utf-8")
    for lang, entries in TRANSLATIONS.items():
        folder = root / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for doc, messages in ((DOC, entries), (TABLE_DOC, table_translations(lang))):
            catalog = polib.POFile()
            catalog.metadata = {"Language": lang, "MIME-Version": "1.0",
                                "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
            for msgid, msgstr in messages.items():
                catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
            catalog.save(str(folder / f"{doc}.po"))
    return root


# --- the built PDFs, once per session ---------------------------------------


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory):
    project = load_project(make_sample_project(tmp_path_factory.mktemp("pdf") / "project"))
    results = build_pdfs(project, LANGUAGES, [DOC, TABLE_DOC])
    assert [(r.language, r.document, r.ok, r.printed) for r in results] == \
        [(lang, doc, True, True) for lang in LANGUAGES for doc in (DOC, TABLE_DOC)], [r.warnings for r in results]
    for result in results:
        assert not [w for w in result.warnings if "notdef" in w or "WARNING" in w.upper()], result.warnings
    return project


@pytest.fixture(scope="session")
def sample_pdfs(sample_project) -> dict[str, Path]:
    return {lang: pdf_path(sample_project, lang, DOC) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def table_pdfs(sample_project) -> dict[str, Path]:
    return {lang: pdf_path(sample_project, lang, TABLE_DOC) for lang in LANGUAGES}


def squeeze(text: str) -> str:
    """Text without white space, break hints or list bullets: what must match, whatever the line breaks.

    pdfium reports a hyphen that ends a line as U+FFFE (it guesses a word
    was hyphenated there); it is the hyphen of the text.
    """
    return re.sub(r"[\s\u200b\u2060\u2022]", "", text).replace("\ufffe", "-")


def paragraphs(lang: str) -> list[str]:
    return [text_of(lang, msgid) for msgid in (TITLE, HEADING_1, LONG, LONG, LONG, HEADING_2, ASK, WAGES, SAFETY)]


def pdfium_text(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def embedded_fonts(reader: PdfReader) -> dict[str, TTFont]:
    """Every font the pages use, by resource name, parsed from the bytes embedded in the PDF."""
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            files = [key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
            assert files, f"{font['/BaseFont']} is not embedded"
            fonts[name] = TTFont(BytesIO(descriptor[files[0]].get_object().get_data()))
    return fonts


def drawn_glyphs(reader: PdfReader) -> dict[str, set[int]]:
    """Glyph ids drawn with each font (two-byte Identity-H codes), read from the content streams."""
    drawn: dict[str, set[int]] = {}
    for page in reader.pages:
        font = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = operands[0]
            elif operator in (b"Tj", b"TJ"):
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for item in strings:
                    if isinstance(item, (int, float)) or not hasattr(item, "original_bytes") and not isinstance(item, bytes):
                        continue
                    raw = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                    drawn.setdefault(font, set()).update(
                        int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2))
    return drawn


def installed_font(subset: TTFont) -> TTFont:
    """The installed font an embedded subset was cut from, found by its PostScript name."""
    postscript_name = subset["name"].getDebugName(6)
    found = subprocess.run(["fc-list", "-f", "%{file}|%{index}\n", f":postscriptname={postscript_name}"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert found, f"{postscript_name} is not an installed font"
    path, index = found[0].split("|")
    return TTFont(path, fontNumber=int(index), lazy=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_is_drawn_from_an_embedded_font_that_has_it(sample_pdfs, lang):
    """No missing-glyph box: only real glyphs are drawn, and every character is in a font the PDF embeds.

    A subset's own cmap lists only the
    characters drawn as themselves (a virama that stacks two letters is
    not), so coverage is checked on the installed font each subset was cut from.
    """
    reader = PdfReader(sample_pdfs[lang])
    fonts = embedded_fonts(reader)
    drawn = drawn_glyphs(reader)
    assert drawn and set(drawn) <= set(fonts)
    covered = set()
    for name, glyphs in drawn.items():
        subset, original = fonts[name], installed_font(fonts[name])
        assert 0 not in glyphs, f"{lang}: .notdef (missing-glyph box) drawn with {name}"
        assert max(glyphs) < subset["maxp"].numGlyphs
        covered |= set(original.getBestCmap())
    needed = {ord(ch) for ch in "".join(paragraphs(lang)) if not ch.isspace()}
    missing = sorted(chr(code) for code in needed - covered)
    assert not missing, f"{lang}: no embedded font has {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copied_text_is_the_translation_in_logical_order(sample_pdfs, lang):
    """pdfium (Chrome's PDF engine) and poppler read the text layer; both honour /ActualText."""
    expected = [squeeze(text) for text in paragraphs(lang)]
    readers = {"pdfium": "".join(pdfium_text(sample_pdfs[lang]))}
    if shutil.which("pdftotext"):
        readers["poppler"] = subprocess.run(["pdftotext", str(sample_pdfs[lang]), "-"],
                                            capture_output=True, text=True, check=True).stdout
    for reader, text in readers.items():
        remaining = squeeze(text)
        for paragraph in expected:
            position = remaining.find(paragraph)
            assert position >= 0, f"{lang} via {reader}: {paragraph[:40]}... not found in order"
            remaining = remaining[position + len(paragraph):]


@pytest.mark.parametrize("lang", ["en", "vi", "zh_CN"])
def test_scripts_without_reordering_extract_right_even_glyph_by_glyph(sample_pdfs, lang):
    """pdfminer ignores /ActualText: for these scripts the glyph map alone must be right."""
    with pdfplumber.open(sample_pdfs[lang]) as pdf:
        text = squeeze("".join(page.extract_text() for page in pdf.pages))
    assert squeeze(text_of(lang, LONG)) in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_line_runs_past_the_right_margin_and_long_paragraphs_wrap(sample_pdfs, lang):
    with pdfplumber.open(sample_pdfs[lang]) as pdf:
        for page in pdf.pages:
            limit = page.width - RIGHT_MARGIN_PT + 0.5
            beyond = [c["text"] for c in page.chars if c["x1"] > limit]
            assert not beyond, f"{lang} page {page.page_number}: {''.join(beyond)[:30]} past the margin"
        lines = {round(c["top"]) for c in pdf.pages[0].chars}
    assert len(lines) >= 12, f"{lang}: the long paragraphs did not wrap ({len(lines)} lines)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata_title_and_language(sample_pdfs, lang):
    reader = PdfReader(sample_pdfs[lang])
    assert reader.metadata.title == text_of(lang, TITLE)
    # The network's name, as the site gives it in each language.
    assert reader.metadata.author and (lang != "en" or reader.metadata.author == "Mekong Migration Network")
    assert reader.trailer["/Root"]["/Lang"] == HTML_LANG.get(lang, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outline_has_the_headings_without_break_hints(sample_pdfs, lang):
    outline = PdfReader(sample_pdfs[lang]).outline
    assert outline[0].title == text_of(lang, TITLE)
    assert [item.title for item in outline[1]] == [text_of(lang, HEADING_1), text_of(lang, HEADING_2)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_numbered(sample_pdfs, lang):
    pages = pdfium_text(sample_pdfs[lang])
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text


def test_a_rebuild_prints_only_what_changed(tmp_path):
    project = load_project(make_sample_project(tmp_path / "project"))
    first = build_pdfs(project, ["km", "th"], [DOC])
    assert [r.printed for r in first] == [True, True], [(r.language, r.ok, r.warnings) for r in first]
    again = build_pdfs(project, ["km", "th"], [DOC])
    assert [(r.ok, r.printed) for r in again] == [(True, False), (True, False)]
    catalog_path = project.catalog_dir("km") / f"{DOC}.po"
    catalog = polib.pofile(str(catalog_path))
    catalog.find(WAGES).msgstr = "ប្រាក់ឈ្នួលត្រឹមត្រូវ"
    catalog.save(str(catalog_path))
    after_edit = build_pdfs(project, ["km", "th"], [DOC])
    assert [(r.language, r.printed) for r in after_edit] == [("km", True), ("th", False)]
    assert "ប្រាក់ឈ្នួលត្រឹមត្រូវ" in "".join(pdfium_text(pdf_path(project, "km", DOC)))


def test_an_unknown_document_is_reported_not_raised(tmp_path):
    project = load_project(make_sample_project(tmp_path / "project"))
    [result] = build_pdfs(project, ["th"], ["no-such-document"])
    assert not result.ok and "no-such-document" in result.warnings[0]
    assert not result.output.exists()


def test_what_makes_a_language_rebuild(tmp_path):
    """Its own catalogs and every language's glossary catalog (the vocabulary pages show all); not others' documents."""
    project = load_project(make_sample_project(tmp_path / "project"))
    before, before_th = language_inputs_digest(project, "vi"), language_inputs_digest(project, "th")
    (project.catalog_dir("th") / f"{DOC}.po").write_text("# edited\n", encoding="utf-8")
    assert language_inputs_digest(project, "th") != before_th
    assert language_inputs_digest(project, "vi") == before
    shared = glossary_catalog(project.locale_dir, "th")
    shared.parent.mkdir(parents=True, exist_ok=True)
    shared.write_text("# th terms\n", encoding="utf-8")
    assert language_inputs_digest(project, "vi") != before


# --- the real statement, in the scripts Pango cannot break by itself ----------

REAL_DOCUMENT = "statement-migrants-day-2015"
REAL_LANGUAGES = ["my", "km", "shn"]  # Lao is read back in the sample above; Sphinx builds cost time


class _BlockText(HTMLParser):
    """The visible text of each block of a page's <main>, in order, as the PDF should show it."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption", "div", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.in_main = self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if tag in self.BLOCKS:
            self.end_block()
        if self.hidden or (tag in ("a", "span") and {"headerlink", "label"} & set((dict(attrs).get("class") or "").split())):
            self.hidden += 1  # the "¶" permalink is not printed; a footnote's floated label is read out of order

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.end_block()
        if tag in ("a", "span") and self.hidden:
            self.hidden -= 1
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main and not self.hidden:
            self.current.append(data)

    def end_block(self):
        text = squeeze("".join(self.current))
        if text:
            self.blocks.append(text)
        self.current = []


@pytest.fixture(scope="session")
def real_statement(tmp_path_factory):
    from conftest import copy_project

    project = load_project(copy_project(tmp_path_factory.mktemp("real") / "project"))
    # The eight-language vocabulary table too, in one language: the longest table we print.
    # The vocabulary index and table are printed in parts (mmn_i18n.publishing.pdf.split).
    plan = {lang: [REAL_DOCUMENT] + (["vocabulary/table", "vocabulary/index"] if lang == "km" else [])
            for lang in REAL_LANGUAGES}
    results = build_pdfs(project, REAL_LANGUAGES, plan)
    assert all(r.ok for r in results), [r.warnings for r in results]
    assert not [w for r in results for w in r.warnings if "notdef" in w]
    return project


@pytest.mark.parametrize("lang", REAL_LANGUAGES)
def test_real_statement_reads_back_as_its_page_and_stays_in_the_margins(real_statement, lang):
    path = pdf_path(real_statement, lang, REAL_DOCUMENT)
    parser = _BlockText()
    parser.feed((real_statement.build_dir / "pdf-html" / lang / f"{REAL_DOCUMENT}.html").read_text(encoding="utf-8"))
    blocks = parser.blocks
    assert len(blocks) > 10
    pages = [squeeze(text) for text in pdfium_text(path)]
    # Remove the page chrome: the running title on later pages and the page numbers.
    body = pages[0].replace(f"1/{len(pages)}", "")
    for number, text in enumerate(pages[1:], start=2):
        body += text.replace(blocks[0], "", 1).replace(f"{number}/{len(pages)}", "")
    for block in blocks:
        position = body.find(block)
        assert position >= 0, f"{lang}: {block[:50]} not found in order in the PDF text"
        body = body[position + len(block):]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert all(c["x1"] <= page.width - RIGHT_MARGIN_PT + 0.5 for c in page.chars), page.page_number
    reader = PdfReader(path)
    for name, glyphs in drawn_glyphs(reader).items():
        assert 0 not in glyphs, f"{lang}: missing-glyph box drawn with {name}"


def test_readers_that_ignore_actual_text_still_get_thai_sara_am(sample_pdfs):
    """pdfminer (like pdf.js) reads only the glyph map: ทำงาน comes out as its NFKC form, not "ท;างาน"."""
    with pdfplumber.open(sample_pdfs["th"]) as pdf:
        text = unicodedata.normalize("NFKC", squeeze("".join(page.extract_text() for page in pdf.pages)))
    assert unicodedata.normalize("NFKC", "ทำงาน") in text


# --- print-grade typesetting (issue 11) ---------------------------------------

NON_ENGLISH = [lang for lang in LANGUAGES if lang != "en"]
CLOSING_PUNCTUATION = set("。，、；：？！）」』》〉】〕”’")
HAN = re.compile("[\u3400-\u9fff]")


def plumber_pages(path: Path) -> list:
    """Each page's characters and words (pdfminer: the glyph map, which is exact for Latin and Han)."""
    with pdfplumber.open(path) as pdf:
        return [(page.chars, page.extract_words(keep_blank_chars=False)) for page in pdf.pages]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_rows_are_never_split_across_pages(table_pdfs, lang):
    """Each page holds whole rows: as many complete wrapped paragraphs as phone numbers, and the table spans pages.

    The rows are tall (a paragraph of six to ten lines): WeasyPrint splits
    such a row at a page end unless told not to.
    """
    pages = [squeeze(text) for text in pdfium_text(table_pdfs[lang])]
    assert len(pages) >= 2, f"{lang}: the table should run over two pages"
    sentence = squeeze(text_of(lang, LONG))
    head, tail = sentence[:30], sentence[-20:]  # long enough to occur once a paragraph
    phones = [squeeze(phone) for phone in PHONES]
    seen = []
    for number, text in enumerate(pages, start=1):
        on_page = [phone for phone in phones if phone in text]
        seen += on_page
        counts = (text.count(head), text.count(sentence), text.count(tail))
        assert counts == (len(on_page),) * 3, f"{lang} page {number}: a row is cut ({counts}, {len(on_page)} phones)"
    assert sorted(seen) == sorted(phones)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_english_terms_are_not_hyphenated_or_cut(table_pdfs, lang):
    words = {word["text"] for _, page_words in plumber_pages(table_pdfs[lang]) for word in page_words}
    expected = {word for term in ENGLISH_TERMS for word in term.split()}
    assert expected <= words, f"{lang}: cut or hyphenated: {sorted(expected - words)}"
    assert not [word for word in words if re.fullmatch(r"[A-Za-z]+[-\ufffe]", word)], f"{lang}: a word ends with a hyphen"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emails_and_phone_numbers_stay_whole_on_one_line(table_pdfs, lang):
    with pdfplumber.open(table_pdfs[lang]) as pdf:
        lines = [squeeze(line["text"]) for page in pdf.pages for line in page.extract_text_lines()]
    for token in [EMAIL, *PHONES]:
        assert any(squeeze(token) in line for line in lines), f"{lang}: {token} is broken across lines"


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_chinese_lines_never_start_with_closing_punctuation_nor_hold_one_character(sample_pdfs, table_pdfs, lang):
    for path in (sample_pdfs[lang], table_pdfs[lang]):
        for chars, _ in plumber_pages(path):
            lines: dict[int, list] = {}
            for char in chars:
                if HAN.match(char["text"]) or char["text"] in CLOSING_PUNCTUATION:
                    lines.setdefault(round(char["top"]), []).append(char)
            for top, line in lines.items():
                # Cells of a table share a line: look at each run of characters that sit side by side.
                line.sort(key=lambda c: c["x0"])
                runs, run = [], [line[0]]
                for before, char in zip(line, line[1:]):
                    if char["x0"] - before["x1"] > char["size"]:
                        runs.append(run)
                        run = []
                    run.append(char)
                runs.append(run)
                for run in runs:
                    text = "".join(c["text"] for c in run)
                    assert text[0] not in CLOSING_PUNCTUATION, f"{path.name}: a line starts with {text[:10]}"
                    assert len(HAN.findall(text)) != 1 or len(text) == 1 and len(runs) > 1 or len(text) > 2, \
                        f"{path.name}: a line holds one character: {text}"


@pytest.mark.parametrize("lang, ratio", [("km", 1.1), ("my", 1.05), ("shn", 1.05)])
def test_khmer_and_myanmar_letters_are_set_larger_than_the_latin_beside_them(table_pdfs, lang, ratio):
    """Both in the same 9 pt table: the script's letters are scaled to look the size of the e-mail beside them."""
    chars = [char for page_chars, _ in plumber_pages(table_pdfs[lang]) for char in page_chars]
    script = "Khmer" if lang == "km" else "Myanmar"
    script_sizes = sorted(c["size"] for c in chars if script in c["fontname"])
    latin_sizes = sorted(c["size"] for c in chars if c["text"] == "@")
    assert script_sizes and latin_sizes
    assert script_sizes[len(script_sizes) // 2] >= ratio * latin_sizes[len(latin_sizes) // 2] - 0.01


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_synthetic_italic(table_pdfs, lang):
    """The emphasised line is drawn upright in scripts without italics; only Latin has a real italic face."""
    names = {str(ref.get_object()["/BaseFont"]) for page in PdfReader(table_pdfs[lang]).pages
             for ref in page["/Resources"]["/Font"].values()}
    assert not [name for name in names if "Oblique" in name], f"{lang}: {names}"
    italic = [name for name in names if "Italic" in name]
    assert all(name.endswith("Noto-Sans-Italic") for name in italic), f"{lang}: {italic}"
    assert bool(italic) == (lang in ("en", "vi")), f"{lang}: emphasis should be italic only in Latin script"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_page_has_the_letterhead_in_the_readers_language(sample_pdfs, lang):
    from mmn_i18n.publishing.site.site_text import translate

    first_page = squeeze(pdfium_text(sample_pdfs[lang])[0])
    name = translate(lang, "Mekong Migration Network")
    assert lang == "en" or name != "Mekong Migration Network", f"{lang}: the network's name is not translated"
    assert first_page.startswith(squeeze(name)), first_page[:60]
    for contact in ("info@mekongmigration.org", "+66 53 283 259", "www.mekongmigration.org"):
        assert squeeze(contact) in first_page
    assert squeeze(name) not in "".join(squeeze(text) for text in pdfium_text(sample_pdfs[lang])[1:])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partly_translated_pdfs_say_so_on_every_page_in_the_readers_language(sample_pdfs, table_pdfs, lang):
    from mmn_i18n.publishing.pdf.furnish import PARTIAL_NOTICE
    from mmn_i18n.publishing.site.site_text import translate

    notice = translate(lang, PARTIAL_NOTICE)
    assert lang == "en" or notice != PARTIAL_NOTICE, f"{lang}: the notice is not translated"
    partial_pages = pdfium_text(table_pdfs[lang])
    complete_pages = pdfium_text(sample_pdfs[lang])
    squeezed_notice = squeeze(notice)
    for text in complete_pages:
        assert squeezed_notice not in squeeze(text)
    for number, text in enumerate(partial_pages, start=1):
        assert (squeezed_notice in squeeze(text)) == (lang != "en"), f"{lang} page {number}"
        assert f"{number} / {len(partial_pages)}" in text  # the page number moved right, still there


@pytest.mark.parametrize("lang", ["en", "km", "zh_CN", "shn"])
def test_pdfs_are_tagged_and_keep_their_actual_text(sample_pdfs, table_pdfs, lang):
    """PDF/UA-1: a structure tree with headings, paragraphs and the table's rows and cells; marked content."""
    for path in (sample_pdfs[lang], table_pdfs[lang]):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        kinds: set[str] = set()
        stack = [root["/StructTreeRoot"].get_object()]
        while stack:
            node = stack.pop()
            if isinstance(node, dict) or hasattr(node, "keys"):
                if "/S" in node:
                    kinds.add(str(node["/S"]))
                kids = node.get("/K")
                if kids is not None:
                    kids = kids.get_object()
                    stack.extend(k.get_object() for k in (kids if isinstance(kids, list) else [kids])
                                 if not isinstance(k.get_object(), int))
        assert {"/Document", "/H1", "/P"} <= kinds, kinds
        if path == table_pdfs[lang]:
            assert {"/Table", "/TR", "/TD"} <= kinds, kinds
        content = b"".join(page.get_contents().get_data() for page in reader.pages)
        assert b"/MCID" in content
        assert (b"/ActualText" in content) == (lang in ("km", "shn")), lang


def test_real_vocabulary_table_prints_landscape_with_every_english_term_whole(real_statement):
    import csv

    with open(REPO / "glossary" / "terms.csv", encoding="utf-8") as stream:
        terms = [row["term"] for row in csv.DictReader(stream)]
    words = set()
    for path in printed_parts(real_statement, "km", "vocabulary/table"):
        with pdfplumber.open(path) as pdf:
            assert all(page.width > page.height for page in pdf.pages), "the eight-language table is printed landscape"
            words |= {word["text"].strip(",()") for page in pdf.pages for word in page.extract_words()}
            for page in pdf.pages:
                assert all(c["x1"] <= page.width - RIGHT_MARGIN_PT + 0.5 for c in page.chars), page.page_number
    expected = {word.strip(",()") for term in terms for word in term.split()}
    assert expected <= words, f"cut or hyphenated: {sorted(expected - words)[:10]}"


# --- long documents printed in parts ------------------------------------------

def _first_column_terms(path: Path) -> list[str]:
    """The table's English column, row by row below the header row, from every page."""
    terms = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            [table] = page.find_tables()
            for row in table.rows[1:]:
                terms.append(squeeze(page.crop(row.cells[0]).extract_text()))
    return terms


def _destinations_in_reading_order(path: Path) -> list[str]:
    """The anchors (element ids) a PDF holds, in the order they are printed: page, then top to bottom."""
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    found = [(pages[dest.page.idnum], -float(dest.top or 0), name) for name, dest in reader.named_destinations.items()]
    return [name for _, _, name in sorted(found)]


@pytest.mark.parametrize("document", ["vocabulary/index", "vocabulary/table"])
def test_long_vocabulary_pages_print_in_parts_that_hold_every_entry_once_in_order(real_statement, document):
    parts = printed_parts(real_statement, "km", document)
    assert len(parts) > 1 and parts == part_paths(real_statement, "km", document, len(parts))
    assert not pdf_path(real_statement, "km", document).exists()
    page = (page_dir(real_statement, "km") / f"{document}.html").read_text(encoding="utf-8")
    if document == "vocabulary/index":
        expected = re.findall(r'<dt id="(term-[^"]+)"', page)
        printed = [[name for name in _destinations_in_reading_order(part) if name.startswith("term-")] for part in parts]
    else:  # the table's rows: each row's English term, from its first cell
        expected = [squeeze(re.sub(r"<[^>]+>", "", row)) for row in re.findall(r"<tr[^>]*><td>(.*?)</td>", page)]
        printed = [_first_column_terms(part) for part in parts]
    budget = GLOSSARY_TERMS_PER_PART if document == "vocabulary/index" else TABLE_ROWS_PER_PART
    assert len(expected) > budget, "long enough to be printed in parts"
    assert [name for names in printed for name in names] == expected, "every entry once, in order"
    assert all(names for names in printed)


def test_each_part_has_the_letterhead_part_number_and_the_tables_header_on_its_first_page(real_statement):
    for document in ["vocabulary/index", "vocabulary/table"]:
        parts = printed_parts(real_statement, "km", document)
        for number, part in enumerate(parts, start=1):
            first_page = squeeze(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(part), "-"], check=True,
                                                capture_output=True, text=True).stdout).replace(ZWSP, "")
            assert first_page.startswith(squeeze(translate("km", "Mekong Migration Network"))), (part, first_page[:80])
            assert squeeze(f"ផ្នែកទី {number} នៃ {len(parts)}") in first_page, part
            if document == "vocabulary/table":
                header = first_page[first_page.index("English"):][:80]
                assert "ខ្មែរ" in header and "ไทย" in header, (part, header)



def test_parts_left_over_from_a_longer_split_are_deleted_and_the_rest_not_printed_again(real_statement):
    import json

    from mmn_i18n.publishing.pdf import STAMP_FILE

    parts = printed_parts(real_statement, "km", "vocabulary/index")
    stamp_path = real_statement.build_dir / "pdf" / "km" / STAMP_FILE
    stamps = json.loads(stamp_path.read_text(encoding="utf-8"))
    # As a previous build in more parts would have left them: one more part on disk and in the stamps.
    leftover = part_paths(real_statement, "km", "vocabulary/index", len(parts) + 1)[-1]
    shutil.copyfile(parts[-1], leftover)
    stamps["parts"]["vocabulary/index"] = len(parts) + 1
    stamps["pdfs"][f"vocabulary/index-{len(parts) + 1}"] = "stale"
    stamps["inputs"] = None  # as after an edit: the language is built again
    stamp_path.write_text(json.dumps(stamps), encoding="utf-8")
    results = build_pdfs(real_statement, ["km"], {"km": ["vocabulary/index"]})
    assert [(r.output, r.ok, r.printed) for r in results] == [(part, True, False) for part in parts]
    assert not leftover.exists() and printed_parts(real_statement, "km", "vocabulary/index") == parts
    after = json.loads(stamp_path.read_text(encoding="utf-8"))
    assert after["parts"]["vocabulary/index"] == len(parts)
    assert f"vocabulary/index-{len(parts) + 1}" not in after["pdfs"]
