"""Word and line boundaries in scripts written without spaces (real ICU, real text)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mmn_i18n.segment import ZWSP, insert_break_hints, line_breaks, strip_break_hints, words

SENTENCES = {
    "th": "แรงงานข้ามชาติต้องได้รับการคุ้มครอง",
    "lo": "ພະນັກງານເຄື່ອນຍ້າຍແຮງງານຕ້ອງໄດ້ຮັບການປົກປ້ອງ",
    "km": "ពលករចំណាកស្រុកត្រូវការការការពារ",
    "my": "ရွှေ့ပြောင်းအလုပ်သမားများ၏အခွင့်အရေးကိုကာကွယ်ရမည်",
    "shn": "ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်း",
    "zh_CN": "移民工人的权利应当受到保护。",
}


def test_dictionary_words_in_thai_lao_khmer_burmese_and_chinese():
    assert words(SENTENCES["th"], "th") == ["แรงงาน", "ข้าม", "ชาติ", "ต้อง", "ได้", "รับ", "การ", "คุ้มครอง"]
    assert "ເຄື່ອນຍ້າຍ" in words(SENTENCES["lo"], "lo")
    assert words(SENTENCES["km"], "km")[:2] == ["ពលករ", "ចំណាកស្រុក"]
    assert "အလုပ်သမား" in words(SENTENCES["my"], "my")
    assert words(SENTENCES["zh_CN"], "zh_CN")[:4] == ["移民", "工人", "的", "权利"]


def test_shan_is_cut_at_syllables_where_icu_would_cut_inside_them():
    assert words(SENTENCES["shn"], "shn") == ["ၵူၼ်း", "ႁဵတ်း", "ၵၢၼ်", "ၶၢမ်ႈ", "မိူင်း"]
    hinted = insert_break_hints(SENTENCES["shn"], "shn")
    assert hinted.split(ZWSP) == ["ၵူၼ်း", "ႁဵတ်း", "ၵၢၼ်", "ၶၢမ်ႈ", "မိူင်း"]
    # ICU's Burmese dictionary would break before "မ်ႈ", leaving a killed consonant at a line start.
    assert all(not piece.startswith(("မ်", "င်")) for piece in hinted.split(ZWSP))


def test_mixed_shan_and_latin_words():
    assert words("ၼႂ်း ASEAN ပီ 2015 ။", "shn") == ["ၼႂ်း", "ASEAN", "ပီ", "2015"]


def test_hints_go_only_inside_runs_of_letters_without_spaces():
    for lang in ("th", "lo", "km", "my", "shn"):
        hinted = insert_break_hints(SENTENCES[lang], lang)
        assert hinted.count(ZWSP) >= 3, lang
        assert strip_break_hints(hinted) == SENTENCES[lang]
    for lang, text in [("vi", "Người lao động di cư"), ("en", "world-wide rights"), ("zh_CN", SENTENCES["zh_CN"])]:
        assert insert_break_hints(text, lang) == text


def test_hinting_twice_changes_nothing():
    for lang, text in SENTENCES.items():
        once = insert_break_hints(text, lang)
        assert insert_break_hints(once, lang) == once


def test_line_breaks_are_offsets_inside_the_text():
    text = "ASEAN ပီ 2015"
    assert line_breaks(text, "shn") == [6, 9]


MIXED_ALPHABET = (
    "แรงานข้ามชาติ" "ພະນັກງານເຄື່ອນ" "ពលករចំណាកស្រុក្" "ရွှေ့ပြောင်းအလုပ်" "ၵူၼ်းႁဵတ်းၶၢမ်ႈမိူင်း"
    "移民工人" " ,.-()\u200b" "abc12"
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=MIXED_ALPHABET, max_size=60), lang=st.sampled_from(["th", "lo", "km", "my", "shn", "zh_CN", "vi"]))
def test_hints_never_lose_text_nor_separate_a_mark_from_its_letter(text, lang):
    assert strip_break_hints(insert_break_hints(text, lang)) == strip_break_hints(text)
    hinted = insert_break_hints(strip_break_hints(text), lang)  # every ZWSP is then ours
    for index, ch in enumerate(hinted):
        if ch == ZWSP:
            assert unicodedata.category(hinted[index + 1])[0] != "M", (hinted, index)
