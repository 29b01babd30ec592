"""Each check on real text in each script it concerns: one row per trap (and per clean twin)."""
from __future__ import annotations

import unicodedata

import pytest

from mmn_i18n.gettext.checks import CHECKS, check_catalog
from mmn_i18n.errors import CatalogError
from checks_helpers import findings_for, ids, write_po

TERM = "For decades, millions of :term:`migrant workers <migrant worker>` have carried the growth of the GMS."
LINK = "Read the statement on the `MMN website <https://www.mekongmigration.org>`_."
FOOTNOTES = "The convention [#icrmw]_ was adopted in 1990 [#un]_."
HEALTH = "Migrants have the right to health care."

CASES = [
    # 1. reST markup
    ("th", TERM, "หลายทศวรรษที่ผ่านมา\\ :term:`แรงงานข้ามชาติ <migrant worker>`\\ หลายล้านคนได้ขับเคลื่อนการเติบโตของ GMS", set()),
    ("th", TERM, "หลายทศวรรษที่ผ่านมา :term:`แรงงานข้ามชาติ <migrant worker>` หลายล้านคนได้ขับเคลื่อนการเติบโตของ GMS", set()),
    ("th", TERM, "หลายทศวรรษที่ผ่านมา:term:`แรงงานข้ามชาติ <migrant worker>`หลายล้านคนได้ขับเคลื่อนการเติบโตของ GMS", {"rst-spacing"}),
    ("lo", TERM, "ຫຼາຍທົດສະວັດມາແລ້ວ :term:`ແຮງງານເຄື່ອນຍ້າຍ` ຫຼາຍລ້ານຄົນໄດ້ຊຸກຍູ້ການເຕີບໂຕຂອງ GMS", {"rst-references"}),
    ("lo", TERM, "ຫຼາຍທົດສະວັດມາແລ້ວ :term:`ແຮງງານເຄື່ອນຍ້າຍ <migrant worker>` ຫຼາຍລ້ານຄົນໄດ້ຊຸກຍູ້ການເຕີບໂຕຂອງ GMS", set()),
    ("km", LINK, "សូមអានសេចក្តីថ្លែងការណ៍នៅលើ `គេហទំព័រ MMN <https://www.mekongmigration.org>`_ ។", set()),
    ("km", LINK, "សូមអានសេចក្តីថ្លែងការណ៍នៅលើ `គេហទំព័រ MMN <https://www.mekongmigration.org>` ។", {"rst-references"}),
    ("my", FOOTNOTES, "ထိုကွန်ဗင်းရှင်းကို ၁၉၉၀ ခုနှစ်တွင် [#un]_ အတည်ပြုခဲ့သည် [#icrmw]_ ။", {"rst-references"}),
    ("my", FOOTNOTES, "ထိုကွန်ဗင်းရှင်း [#icrmw]_ ကို ၁၉၉၀ ခုနှစ်တွင် အတည်ပြုခဲ့သည် [#un]_ ။", set()),
    ("my", FOOTNOTES, "ထိုကွန်ဗင်းရှင်းကို ၁၉၉၀ ခုနှစ်တွင် [#un]_ အတည်ပြုခဲ့သည် [#icrmw]_ ။ #noqa", set()),
    ("vi", "the **25th anniversary** of the convention", "kỷ niệm **25 năm của công ước", {"rst-syntax", "rst-inline"}),
    ("vi", "the **25th anniversary** of the convention", "kỷ niệm **25 năm** của công ước", set()),
    ("vi", "the **25th anniversary** of the convention", "kỷ niệm 25 năm của công ước", {"rst-inline"}),
    ("zh_CN", "Twenty-five years of the convention", "- 公约二十五年", {"rst-structure"}),
    ("zh_CN", "Twenty-five years of the convention", "公约\n  二十五年", {"rst-structure"}),
    ("zh_CN", "Twenty-five years of the convention", "公约\n二十五年", set()),
    ("zh_CN", "Write to us at |email|.", "请写信至 |mail|。", {"rst-references"}),
    # 2. links and contacts
    ("km", LINK, "សូមអានសេចក្តីថ្លែងការណ៍នៅលើ `គេហទំព័រ MMN <https://www.mekongmigration.com>`_ ។", {"links"}),
    ("th", "Write to info@mekongmigration.org.", "เขียนถึง info@mekongmigraton.org", {"links"}),
    ("km", "Call +66 53 283 259.", "ទូរស័ព្ទ +66 53 283 295 ។", {"links"}),
    ("my", "Call +66 53 283 259.", "ဖုန်း +၆၆ ၅၃ ၂၈၃ ၂၅၉ ကို ခေါ်ပါ။", set()),
    ("th", "See https://en.wikipedia.org/wiki/Human_migration.", "ดู https://th.wikipedia.org/wiki/การย้ายถิ่น",
     {"links-localised"}),
    ("th", "See https://en.wikipedia.org/wiki/Human_migration.", "ดู https://th.wikipedia.org.evil.example/wiki/x",
     {"links"}),
    ("vi", "See https://example.org/en/about.", "Xem https://www.example.org/vi/about.", {"links-localised"}),
    # 3. numbers
    ("vi", "138 participants", "183 người tham dự", {"numbers"}),
    ("vi", "138 participants", "138 người tham dự", set()),
    ("th", "138 participants", "ผู้เข้าร่วม ๑๓๘ คน", set()),
    ("lo", "138 participants", "ຜູ້ເຂົ້າຮ່ວມ ໑໓໘ ຄົນ", set()),
    ("km", "138 participants", "អ្នកចូលរួម ១៣៨ នាក់", set()),
    ("km", "138 participants", "អ្នកចូលរួម ១៨៣ នាក់", {"numbers"}),
    ("my", "138 participants", "ပါဝင်သူ ၁၃၈ ဦး", set()),
    ("my", "138 participants", "ပါဝင်သူ ၁၈၃ ဦး", {"numbers"}),
    ("shn", "138 participants", "ၵူၼ်းၶဝ်ႈႁူမ်ႈ ႑႓႘ ၵေႃႉ", set()),
    ("vi", "1,380 migrants", "1.380 người di cư", set()),
    ("th", "On 18 December 2015", "เมื่อวันที่ 18 ธันวาคม 2558", set()),
    ("zh_CN", "since the 1970s", "自20世纪70年代以来", set()),
    ("zh_CN", "since the 1970s", "自20世纪60年代以来", {"numbers-missing", "numbers-extra"}),
    ("vi", "On 18 October 2015", "Ngày 18 tháng 10 năm 2015", set()),
    ("vi", "On 18 October 2015", "Ngày 18 tháng 70 năm 2015", {"numbers-extra"}),
    ("vi", "every Monday", "thứ Hai hàng tuần", set()),
    ("vi", "every Monday", "thứ 2 hàng tuần", set()),
    ("zh_CN", "On 18 October 2015", "2015年10月18日", set()),
    ("zh_CN", "On 18 October 2015", "2015年11月18日", {"numbers-extra"}),
    ("th", "On 18 October 2015", "เมื่อวันที่ 18 ตุลาคม 2558", set()),
    ("th", "On 18 October 2015", "เมื่อวันที่ 18 พฤศจิกายน 2558", {"dates"}),
    ("lo", "In January", "ໃນເດືອນມັງກອນ", set()),
    ("zh_CN", "In January", "十一月", {"dates"}),
    ("th", "two reports", "รายงาน 2 ฉบับ", set()),
    # 4. whitespace
    ("th", "Date:", "วันที่: ", {"whitespace"}),
    ("th", "Date:\n", "วันที่:", {"newlines"}),
    # 5. untranslated copy
    ("km", HEALTH, HEALTH, {"untranslated"}),
    ("km", "Mekong Migration Network (MMN)", "Mekong Migration Network (MMN)", set()),
    # 6. wrong script
    ("lo", HEALTH, "แรงงานข้ามชาติมีสิทธิได้รับการดูแลสุขภาพ", {"script"}),
    ("lo", HEALTH, "ແຮງງານເຄື່ອນຍ້າຍມີສິດໄດ້ຮັບການດູແລສຸຂະພາບ", set()),
    ("shn", HEALTH, "ရွှေ့ပြောင်းလုပ်သားများသည် ကျန်းမာရေးစောင့်ရှောက်မှု ရပိုင်ခွင့်ရှိသည်။", {"script"}),
    ("shn", HEALTH, "ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်း မီးသုၼ်ႇလႆႈႁပ်ႉၵၢၼ်ၵႅတ်ႇၶႄ ပၢႆးယူႇလီ။", set()),
    ("km", HEALTH, "migrants have the right to health care (សិទ្ធិ)", {"script"}),
    ("km", "MMN members met in Chiang Mai and Hong Kong.", "សមាជិក MMN បានជួបគ្នានៅ Chiang Mai និង Hong Kong ។", set()),
    ("vi", "Migrants have the right to health care in every country.",
     "Migrants have the right to health care in all countries.", {"script-mixed"}),
    ("zh_CN", "the rights of migrant workers", "移民工人的權利", {"zh-traditional"}),
    ("zh_CN", "the rights of migrant workers", "移民工人的权利", set()),
    # 7. Zawgyi
    ("my", HEALTH, "ေရႊ႕ေျပာင္းလုပ္သားမ်ားသည္ က်န္းမာေရး ေစာင့္ေရွာက္မႈ ရပိုင္ခြင့္ရိွသည္။", {"zawgyi"}),
    ("my", HEALTH, "ရွှေ့ပြောင်းလုပ်သားများသည် ကျန်းမာရေး စောင့်ရှောက်မှု ရပိုင်ခွင့်ရှိသည်။", set()),
    ("my", "five", "ငါး", {"zawgyi-short"}),
    # 8. Unicode hygiene
    ("vi", "138 participants", unicodedata.normalize("NFD", "138 người tham dự"), {"unicode-nfc"}),
    ("th", "migrant workers", "แรงงาน\u200bข้ามชาติ", set()),
    ("vi", "migrant workers", "lao động\u200b di cư", {"invisible-char"}),
    ("km", "migrant workers", "ពលករ\u202eចំណាកស្រុក", {"control-char"}),
    ("zh_CN", HEALTH, "移民工人有权获得医疗服务.", {"cjk-punctuation"}),
    ("zh_CN", HEALTH, "移民工人有权获得医疗服务。", set()),
]


@pytest.mark.parametrize("lang,msgid,msgstr,expected", CASES,
                         ids=[f"{case[0]}-{'-'.join(sorted(case[3])) or 'clean'}-{n}" for n, case in enumerate(CASES)])
def test_check_on_real_text(tmp_path, lang, msgid, msgstr, expected):
    assert ids(findings_for(tmp_path, lang, msgid, msgstr)) == expected


FORMAT_CASES = [
    ("th", {"msgid": "%(count)d migrants registered", "msgstr": "ลงทะเบียนแล้ว", "flags": ["python-format"]}, {"placeholders"}),
    ("th", {"msgid": "%(count)d migrants registered", "msgstr": "ลงทะเบียนแล้ว %(count)d คน", "flags": ["python-format"]}, set()),
    ("vi", {"msgid": "{name} has arrived", "msgstr": "{ten} đã đến", "flags": ["python-brace-format"]}, {"placeholders"}),
    ("zh_CN", {"msgid": "%s has %d", "msgstr": "%2$d 个%1$s", "flags": ["c-format"]}, set()),
    ("zh_CN", {"msgid": "%s has %d", "msgstr": "%d 个%s", "flags": ["c-format"]}, {"placeholders"}),
    ("th", {"msgid": "%(count)d file", "msgid_plural": "%(count)d files", "msgstr_plural": ["%(count)d ไฟล์"],
            "flags": ["python-format"]}, set()),
    ("th", {"msgid": "%(count)d file", "msgid_plural": "%(count)d files", "msgstr_plural": ["ไฟล์"],
            "flags": ["python-format"]}, {"placeholders"}),
    ("th", {"msgid": "%(count)d file", "msgid_plural": "%(count)d files",
            "msgstr_plural": ["%(count)d ไฟล์", "%(count)d ไฟล์"], "flags": ["python-format"]}, {"plural-count"}),
]


@pytest.mark.parametrize("lang,spec,expected", FORMAT_CASES)
def test_formats(tmp_path, lang, spec, expected):
    spec = dict(spec)
    assert ids(findings_for(tmp_path, lang, spec.pop("msgid"), spec.pop("msgstr", ""), **spec)) == expected


def test_header_language_and_plural_forms(tmp_path):
    path = write_po(tmp_path, "th", [{"msgid": "Date", "msgstr": "วันที่"}],
                    header={"Language": "lo", "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    messages = [f.message for f in check_catalog(path) if f.check == "header"]
    assert len(messages) == 2
    assert "'lo'" in messages[0] and "nplurals=2" in messages[1]
    header_line = path.read_text(encoding="utf-8").splitlines().index('msgid ""') + 1
    assert all(f.line == header_line for f in check_catalog(path) if f.check == "header")


def test_duplicate_entries(tmp_path):
    path = write_po(tmp_path, "km", [{"msgid": "Date", "msgstr": "កាលបរិច្ឆេទ"}])
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\nmsgid "Date"\nmsgstr "ថ្ងៃ"\n', encoding="utf-8")
    # msgfmt rejects the file: the one strict reader refuses it before any check runs
    lines = path.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index('msgid "Date"')  # the second definition, as msgfmt names it
    with pytest.raises(CatalogError, match="duplicate message definition") as raised:
        check_catalog(path)
    assert raised.value.line == line


def test_fuzzy_untranslated_and_ignored_entries_are_not_checked(tmp_path):
    path = write_po(tmp_path, "vi", [
        {"msgid": "138 participants", "msgstr": "183 người tham dự", "flags": ["fuzzy"]},
        {"msgid": "138 participants here", "msgstr": ""},
        {"msgid": "138 participants now", "msgstr": "183 người tham dự bây giờ", "flags": ["ignore-numbers"]},
        {"msgid": "138 participants today", "msgstr": "183 người tham dự hôm nay"},
    ])
    findings = check_catalog(path)
    assert [(f.check, f.msgid) for f in findings] == [("numbers", "138 participants today")]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[findings[0].line - 1] == 'msgid "138 participants today"'  # file:line is the msgid


def test_every_check_is_documented_and_has_a_failing_case():
    failing = set().union(*(case[3] for case in CASES), *(case[2] for case in FORMAT_CASES))
    catalog_wide = {"header", "duplicate"}
    assert set(CHECKS) - catalog_wide <= failing | {"terminology", "terms-to-avoid"}
    for item in CHECKS.values():
        assert item.function.__doc__ and item.summary, item.id


def _termbase():
    from mmn_i18n.gettext.glossary import AvoidedTerm, LocalText, Term, Termbase

    def term(term_id, english):
        return Term(term_id, english, "noun", "people", "", "", (), "2015-12-18")

    terms = (term("migrant", "migrant"), term("migrant-worker", "migrant worker"),
             term("undocumented-migrant", "undocumented migrant"))
    local = {
        "th": {"migrant": "ผู้ย้ายถิ่น", "migrant-worker": "แรงงานข้ามชาติ",
               "undocumented-migrant": "ผู้ย้ายถิ่นที่ไม่มีเอกสาร"},
        "vi": {"migrant": "người di cư", "migrant-worker": "lao động di cư"},
        "km": {"migrant-worker": "ពលករចំណាកស្រុក"},
    }
    translations = {lang: {tid: {"term": LocalText(text)} for tid, text in texts.items()}
                    for lang, texts in local.items()}
    avoided = {
        "th": (AvoidedTerm("th", "แรงงานเถื่อน", "undocumented-migrant", "ผู้ย้ายถิ่นที่ไม่มีเอกสาร",
                           "stigmatising"),),
        "vi": (AvoidedTerm("vi", "di dân lậu", "undocumented-migrant", "người di cư không có giấy tờ"),),
    }
    return Termbase(terms, translations, avoided)


TERM_CASES = [
    ("th", "Millions of migrant workers crossed the border.", "แรงงานข้ามชาติหลายล้านคนข้ามพรมแดน", set()),
    ("th", "Millions of migrant workers crossed the border.", "แรงงาน ข้าม\u200bชาติหลายล้านคนข้ามพรมแดน", set()),
    ("th", "Millions of migrant workers crossed the border.", "คนงานต่างด้าวหลายล้านคนข้ามพรมแดน", {"terminology"}),
    ("vi", "Millions of migrant workers crossed the border.", "Hàng triệu lao động di cư đã vượt biên giới.", set()),
    ("vi", "Millions of migrant workers crossed the border.", "Hàng triệu công nhân nhập cư đã vượt biên giới.",
     {"terminology"}),
    ("km", "Migrant workers need health care.", "ពលករ\u200bចំណាកស្រុក ត្រូវការការថែទាំសុខភាព ។", set()),
    # "migrant" alone is a modifier here; only phrases and stand-alone terms are enforced
    ("th", "Migrant women face many risks.", "แรงงานหญิงข้ามชาติเผชิญความเสี่ยงมากมาย", set()),
    ("th", "Undocumented migrants are not criminals.", "แรงงานเถื่อนไม่ใช่อาชญากร", {"terms-to-avoid", "terminology"}),
    ("th", "Undocumented migrants are not criminals.", "ผู้ย้ายถิ่นที่ไม่มีเอกสารไม่ใช่อาชญากร", set()),
    ("vi", "They were called illegal.", "Họ bị gọi là di dân lậu.", {"terms-to-avoid"}),
]


@pytest.mark.parametrize("lang,msgid,msgstr,expected", TERM_CASES)
def test_terminology(tmp_path, lang, msgid, msgstr, expected):
    path = write_po(tmp_path, lang, [{"msgid": msgid, "msgstr": msgstr}])
    findings = check_catalog(path, termbase=_termbase())
    assert ids(findings) == expected
    for finding in findings:
        if finding.check == "terms-to-avoid":
            assert "ผู้ย้ายถิ่นที่ไม่มีเอกสาร" in finding.message or "không có giấy tờ" in finding.message


def test_vocabulary_pages_may_name_the_terms_to_avoid(tmp_path):
    path = write_po(tmp_path / "vocab", "th", [{"msgid": "Avoid these words.", "msgstr": "แรงงานเถื่อน"}],
                    name="vocabulary/avoid")
    assert not [f for f in check_catalog(path, termbase=_termbase()) if f.check.startswith("term")]


def _single_word_termbase():
    from mmn_i18n.gettext.glossary import LocalText, Term, Termbase

    terms = (Term("migrant", "migrant", "noun", "people", "", "", (), "2012-10-01"),
             Term("migrant-worker", "migrant worker", "noun", "people", "", "", (), "2012-10-01"),
             Term("overtime", "overtime", "noun", "work", "", "", (), "2012-10-01"))
    local = {
        "my": {"migrant": "ရွှေ့ပြောင်းသူ", "migrant-worker": "ရွှေ့ပြောင်းအလုပ်သမား"},
        "th": {"migrant": "ผู้ย้ายถิ่น", "migrant-worker": "แรงงานข้ามชาติ"},
        "lo": {"migrant": "ຜູ້ເຄື່ອນຍ້າຍ"},
        "km": {"migrant": "ជនចំណាកស្រុក", "overtime": "ការងារបន្ថែមម៉ោង"},
        "vi": {"migrant": "người di cư"},
        "zh_CN": {"migrant": "移民"},
        "shn": {"migrant": "ၵူၼ်းၶၢမ်ႈမိူင်း"},
    }
    return Termbase(terms, {lang: {tid: {"term": LocalText(text)} for tid, text in texts.items()}
                            for lang, texts in local.items()})


SINGLE_WORD_CASES = [
    # Burmese: the publications' ရွှေ့ပြောင်းသွားလာသူ for the approved ရွှေ့ပြောင်းသူ (issue 15)
    ("my", "Migrants are workers too.", "ရွှေ့ပြောင်းသွားလာသူများသည်လည်း အလုပ်သမားများ ဖြစ်သည်။", True),
    ("my", "Migrants are workers too.", "ရွှေ့ပြောင်းသူများသည်လည်း အလုပ်သမားများ ဖြစ်သည်။", False),
    ("my", "A migrant's children go to school.", "ရွှေ့ပြောင်းသူ့ကလေးများ ကျောင်းတက်ကြသည်။", False),  # possessive tone
    ("my", "Migrant workers met.", "ရွှေ့ပြောင်းအလုပ်သမားများ တွေ့ဆုံကြသည်။", False),  # the phrase, not "migrant"
    # Thai: a longer word that begins with the term is another word
    ("th", "Migrants are workers too.", "ผู้ย้ายถิ่นก็เป็นแรงงานเช่นกัน", False),
    ("th", "Migrants are workers too.", "ผู้ย้ายถิ่นฐานก็เป็นแรงงานเช่นกัน", True),
    ("th", "Migrant women face many risks.", "ผู้หญิงย้ายถิ่นเผชิญความเสี่ยงมากมาย", False),  # a modifier
    ("th", "Write to the Asian Migrant Centre.", "เขียนถึง Asian Migrant Centre", False),  # a name kept in English
    ("th", "See :ref:`statement-migrants-day-2015`.", "ดู :ref:`statement-migrants-day-2015`", False),  # a label
    ("lo", "Migrants are workers too.", "ຜູ້ເຄື່ອນຍ້າຍກໍແມ່ນແຮງງານຄືກັນ", False),
    ("lo", "Migrants are workers too.", "ຄົນຕ່າງດ້າວກໍແມ່ນແຮງງານຄືກັນ", True),
    # Khmer: ICU reads ធ្វើការងារ ("do work") as one word; the term may start inside it
    ("km", "Workers may refuse overtime.", "ពលករអាចបដិសេធការធ្វើការងារបន្ថែមម៉ោង។", False),
    ("km", "Migrants are workers too.", "ជនបរទេសក៏ជាពលករដែរ។", True),
    ("vi", "Migrants are workers too.", "Người di cư cũng là người lao động.", False),
    ("vi", "Migrants are workers too.", "Dân nhập cư cũng là người lao động.", True),
    ("zh_CN", "Migrants are workers too.", "移民也是劳动者。", False),
    ("zh_CN", "Migrants are workers too.", "外来人口也是劳动者。", True),
    ("shn", "Migrants are workers too.", "ၵူၼ်းၶၢမ်ႈမိူင်း ၵေႃႈပဵၼ် ၵူၼ်းႁဵတ်းၵၢၼ်ၼင်ႇၵၼ်", False),
    ("shn", "Migrants are workers too.", "ၵူၼ်းတၢင်ႇမိူင်း ၵေႃႈပဵၼ် ၵူၼ်းႁဵတ်းၵၢၼ်ၼင်ႇၵၼ်", True),
]


@pytest.mark.parametrize("lang,msgid,msgstr,flagged", SINGLE_WORD_CASES)
def test_single_word_terms_are_enforced_as_whole_words(tmp_path, lang, msgid, msgstr, flagged):
    path = write_po(tmp_path, lang, [{"msgid": msgid, "msgstr": msgstr}])
    findings = [f for f in check_catalog(path, termbase=_single_word_termbase()) if f.check == "terminology"]
    assert bool(findings) == flagged, [f.message for f in findings]
