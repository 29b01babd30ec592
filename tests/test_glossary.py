"""The termbase on disk: English entries, translations, terms to avoid, matching, lookup."""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from mmn_i18n.gettext.glossary import TermbaseError, contains_term, find_occurrences, load_termbase, read_termbase
from mmn_i18n.gettext.glossary.collation import index_buckets, sorted_in
from mmn_i18n.gettext.glossary.load import read_terms
from mmn_i18n.gettext.glossary.lookup import EXACT, lookup
from mmn_i18n.gettext.glossary.pages import render_pages
from mmn_i18n.project import load_project

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["my", "km", "lo", "th", "vi", "zh_CN", "shn"]
REQUIRED = ["migrant worker", "undocumented migrant", "work permit", "nationality verification",
            "memorandum of understanding", "arrest, detention and deportation", "returnee", "living wage",
            "minimum wage", "social security", "special economic zone", "trafficking", "smuggling",
            "labour attaché", "domestic worker", "remittance", "labour exploitation",
            "occupational safety and health", "civil society organisation", "reintegration",
            "recruitment agency", "broker", "host country", "country of origin", "maternity leave",
            "debt bondage", "border pass", "temporary passport"]
# Unicode script of each language's terms: (first, last) code point of its block(s).
SCRIPT_RANGES = {
    "th": [(0x0E00, 0x0E7F)], "lo": [(0x0E80, 0x0EFF)], "km": [(0x1780, 0x17FF)],
    "my": [(0x1000, 0x109F)], "shn": [(0x1000, 0x109F)], "zh_CN": [(0x4E00, 0x9FFF), (0x3000, 0x303F)],
}
SHAN_LETTERS = set("ၵၶၷၸၹၺၻၼၽၾၿႀႁႂႃႄႅႆႇႈႉႊ")


@pytest.fixture(scope="module")
def termbase():
    return load_termbase(load_project(REPO))


NEW_IN_ISSUE_15 = ["decent work", "regularisation", "resettlement", "temporary shelter", "mixed migration",
                   "social exclusion", "social cohesion", "stigma", "portable social security",
                   "migrant learning centre", "right to strike",
                   "ASEAN Declaration on the Protection and Promotion of the Rights of Migrant Workers"]


def test_termbase_has_every_term_the_publications_link(termbase):
    assert len(termbase.terms) >= 135
    assert set(map(str.casefold, NEW_IN_ISSUE_15)) <= {term.term.casefold() for term in termbase.terms}
    english = {term.term.casefold() for term in termbase.terms}
    assert set(map(str.casefold, REQUIRED)) <= english
    for source in (REPO / "source").glob("*.rst"):
        for role in re.findall(r":term:`([^`]+)`", source.read_text(encoding="utf-8")):
            target = re.search(r"<([^>]+)>$", role)
            name = (target.group(1) if target else role).strip()
            assert name.casefold() in english, f"{source.name}: :term:`{role}` has no entry"


def test_every_entry_is_complete(termbase):
    for term in termbase.terms:
        assert term.definition.endswith(".") and term.example.endswith("."), term.id
        assert term.definition != term.example
        assert not set(term.definition + term.example) & set("`*|_"), f"{term.id}: reST markup in plain text"
    undocumented = termbase.term("undocumented-migrant")
    assert {"illegal migrant", "illegal alien"} <= set(undocumented.avoid)
    assert "illegal" in undocumented.avoid_reason


def test_english_entries_say_what_the_network_means(termbase):
    assert "illness caused" not in termbase.term("heat-stress").definition.lower()  # an exposure, not an illness
    assert "Guangxi Zhuang Autonomous Region" in termbase.term("greater-mekong-subregion").definition
    refugee = termbase.term("refugee").definition
    assert "serious harm" not in refugee and "political opinion" in refugee  # the 1951 Convention's grounds
    assert "child under eighteen no such means are needed" in termbase.term("trafficking").definition
    assert "another part of their own country" in termbase.term("migrant-worker").definition
    assert "signed" not in termbase.term("migrant-workers-convention").example
    host = termbase.term("host-country")
    assert "receiving country" in host.avoid and "acceptable" not in host.avoid_reason.lower()
    assert "Cebu" in termbase.term("asean-declaration-on-migrant-workers").definition


def test_every_term_is_translated_in_all_seven_languages_in_its_script(termbase):
    for lang in LANGUAGES:
        for term in termbase.terms:
            text = termbase.translation(term.id, lang, include_fuzzy=True)
            assert text and text != term.term, f"{lang}: {term.id} untranslated"
            letters = [c for c in text if unicodedata.category(c)[0] in "LM"]
            if lang == "vi":
                assert all(c.isascii() or "LATIN" in unicodedata.name(c) for c in letters), (lang, text)
            else:
                in_script = sum(any(a <= ord(c) <= b for a, b in SCRIPT_RANGES[lang]) for c in letters)
                assert in_script == len(letters), f"{lang}: {text!r} is not all in the {lang} script"
    shan = [termbase.translation(t.id, "shn", include_fuzzy=True) for t in termbase.terms]
    assert sum(bool(set(text) & SHAN_LETTERS) for text in shan) > 100, "Shan must use Shan letters, not Burmese"


def test_reviewed_terms_are_unique_in_each_language(termbase):
    # Two entries with one translation would make Sphinx warn "duplicate term description".
    for lang in LANGUAGES:
        approved = list(termbase.approved_terms(lang).values())
        assert len(approved) == len({t.casefold() for t in approved}), lang
    assert len(termbase.approved_terms("th")) >= 120  # Thai, Vietnamese, Chinese: reviewed nearly all
    assert 90 <= len(termbase.approved_terms("shn")) < len(termbase.terms)  # Shan: the rest fuzzy, honestly


def test_each_language_lists_its_own_terms_to_avoid(termbase):
    for lang in LANGUAGES:
        avoided = termbase.avoided_terms(lang)
        assert avoided, lang
        assert any(a.term_id == "undocumented-migrant" for a in avoided), lang
    thai = {a.text: a for a in termbase.avoided_terms("th")}
    assert thai["แรงงานเถื่อน"].preferred == "แรงงานข้ามชาติที่ไม่มีเอกสาร"


@pytest.mark.parametrize(("row", "message"), [
    ('migrant,migrant,noun,X,Def.,Ex.,,2012-10-01,,\n', "already used on line 2"),
    ('Bad Id,thing,noun,X,Def.,Ex.,,2012-10-01,,\n', "lower-case words joined by hyphens"),
    ('other,other,noun,X,Def.,Ex.,,1st May,,\n', "must be YYYY-MM-DD"),
    ('other,other,noun,X,Def.,Ex.,nowhere,2012-10-01,,\n', "related id 'nowhere'"),
    ('other,other,noun,X,Def.,Ex.,,2012-10-01,bad word,\n', "without a reason"),
    ('other,other,noun,X,Def.,Ex.,,2012-10-01\n', "wrong number of fields"),
])
def test_a_broken_termbase_names_file_and_line(tmp_path, row, message):
    path = tmp_path / "terms.csv"
    path.write_text("id,term,part_of_speech,category,definition,example,related,added,avoid,avoid_reason\n"
                    "migrant,migrant,noun,X,Def.,Ex.,,2012-10-01,,\n" + row, encoding="utf-8")
    with pytest.raises(TermbaseError, match=message) as error:
        read_terms(path)
    assert f"{path}:" in str(error.value)


def test_terms_in_english_text_including_plurals(termbase):
    text = "Undocumented migrants and migrant workers need a work permit."
    found = {term.id for term in termbase.terms_in(text)}
    assert {"undocumented-migrant", "migrant-worker", "work-permit", "migrant"} <= found
    longest = {term.id for term in termbase.terms_in(text, longest=True)}
    assert "migrant" not in longest and "undocumented-migrant" in longest
    assert not termbase.terms_in("The workforce grew.")


@pytest.mark.parametrize(("lang", "text", "term", "expected"), [
    ("th", "แรงงาน ข้ามชาติ\u200bหลายคน", "แรงงานข้ามชาติ", "แรงงาน ข้ามชาติ"),  # spaced, zero-width space
    ("lo", "ແຮງງານ ເຄື່ອນຍ້າຍ", "ແຮງງານເຄື່ອນຍ້າຍ", "ແຮງງານ ເຄື່ອນຍ້າຍ"),
    ("zh_CN", "双方签署了谅解 备忘录。", "谅解备忘录", "谅解 备忘录"),
    ("km", "ពលករ\u200bចំណាកស្រុក", "ពលករចំណាកស្រុក", "ពលករ\u200bចំណាកស្រុក"),
    ("en", "Two Migrant Workers arrived.", "migrant worker", "Migrant Workers"),
    ("vi", "Lao động di cư cần giấy phép.", "lao động di cư", "Lao động di cư"),
])
def test_find_occurrences_across_scripts(lang, text, term, expected):
    spans = find_occurrences(text, term, lang)
    assert [text[start:end] for start, end in spans] == [expected]


@pytest.mark.parametrize(("lang", "text", "term", "expected"), [
    ("th", "มีสิทธิลาคลอดเก้าสิบวัน", "การลาคลอด", "ลาคลอด"),  # nominaliser dropped in running text
    ("lo", "ສິດພັກເກີດລູກ", "ການພັກເກີດລູກ", "ພັກເກີດລູກ"),
    ("km", "ដើម្បីជួញដូរមនុស្ស", "ការជួញដូរមនុស្ស", "ជួញដូរមនុស្ស"),
    ("my", "ရွှေ့ပြောင်းသူ အခွင့်အရေးကို", "ရွှေ့ပြောင်းသူများ၏ အခွင့်အရေး", "ရွှေ့ပြောင်းသူ အခွင့်အရေး"),
    ("my", "လူကုန်ကူးသူများ", "လူကုန်ကူးမှု", "လူကုန်ကူး"),
    ("shn", "ပိုတ်ႇၶၢႆၵူၼ်း", "ၵၢၼ်ၶၢႆၵူၼ်း", "ၶၢႆၵူၼ်း"),
])
def test_inflected_occurrences_are_found(lang, text, term, expected):
    assert [text[start:end] for start, end in find_occurrences(text, term, lang)] == [expected]


def test_the_full_form_counts_once():
    text = "การลาคลอด"
    assert find_occurrences(text, "การลาคลอด", "th") == [(0, len(text))]


def test_word_boundaries_only_where_words_are_spaced():
    assert not contains_term("the migrantworkers", "migrant worker", "en")
    assert not contains_term("lao động di cư", "lao dong di cu", "vi"), "checks keep Vietnamese tone marks"
    assert find_occurrences("lao động di cư", "lao dong di cu", "vi", fold_diacritics=True)


def test_collation_follows_each_language():
    # Thai and Lao leading vowels sort by the consonant after them.
    assert sorted_in("th", ["แรงงาน", "เงิน", "กฎ"]) == ["กฎ", "เงิน", "แรงงาน"]
    assert dict(index_buckets("lo", ["ແຮງງານ", "ເງິນ"])) == {"ງ": ["ເງິນ"], "ຮ": ["ແຮງງານ"]}
    # Chinese by pinyin, under Latin headings.
    assert index_buckets("zh_CN", ["移民", "边境", "安全"]) == [("A", ["安全"]), ("B", ["边境"]), ("Y", ["移民"])]
    # Vietnamese: đ is its own letter after d.
    assert [label for label, _ in index_buckets("vi", ["đi", "dân", "em"])] == ["D", "Đ", "E"]


def test_lookup_in_any_language(termbase):
    hit = lookup(termbase, "แรงงานเถื่อน")[0]
    assert (hit.term_id, hit.kind, hit.rank, hit.preferred) == (
        "undocumented-migrant", "avoided", EXACT, "แรงงานข้ามชาติที่ไม่มีเอกสาร")
    assert lookup(termbase, "Lao Dong Di Cu")[0].term_id == "migrant-worker"  # no tone marks typed
    assert lookup(termbase, "WORK PERMIT")[0].term_id == "work-permit"
    assert lookup(termbase, "แรงงานขามชาติ")[0].term_id == "migrant-worker"  # tone mark left out
    assert lookup(termbase, "ແຮງງານເຄືອນຍາຍ")[0].term_id == "migrant-worker"
    assert lookup(termbase, "谅解备忘录")[0].term_id == "memorandum-of-understanding"
    assert lookup(termbase, "illegal alien")[0].kind == "avoided"
    assert lookup(termbase, "zzzz-nothing") == []


def test_generated_pages_are_deterministic_and_committed(termbase):
    pages = render_pages(termbase.terms, LANGUAGES)
    assert pages == render_pages(termbase.terms, LANGUAGES)
    for docname, text in pages.items():
        committed = (REPO / "source" / f"{docname}.rst").read_text(encoding="utf-8")
        assert committed == text, f"source/{docname}.rst is stale: run `mmn-i18n extract`"
    assert pages["vocabulary/index"].count("\n   ") >= len(termbase.terms)


def test_missing_catalogs_and_avoid_lists_are_optional(tmp_path):
    shutil.copytree(REPO / "glossary", tmp_path / "glossary", ignore=shutil.ignore_patterns("avoid"))
    termbase = read_termbase(tmp_path / "glossary", tmp_path / "locale", ["th"])
    assert termbase.approved_terms("th") == {} and termbase.avoided_terms("th") == ()
    assert termbase.display("work-permit", "th") == "work permit"
