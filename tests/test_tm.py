"""Translation memory: suggestions, search by whole words in every script, TMX through translate-toolkit, update's fills."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import icu
import pytest

from mmn_i18n.gettext.catalogs import read_catalog, write_catalog
from mmn_i18n.gettext.tm import TranslationMemory, Unit


def memory_of(lang: str, translations: list[str]) -> TranslationMemory:
    return TranslationMemory(Unit(lang, f"English {number}", text, f"doc-{number}", False, False)
                             for number, text in enumerate(translations))


# (language, query, a translation holding it only inside a longer word, a translation holding it as a word)
WORDS_INSIDE_WORDS = [
    ("th", "งาน", "แรงงานข้ามชาติมีสิทธิ", "งานของเราคือการคุ้มครองสิทธิ"),  # work / labour
    ("lo", "ງານ", "ແຮງງານເຄື່ອນຍ້າຍ", "ງານບຸນປີໃໝ່"),  # festival / labour
    ("km", "ករ", "ពលករធ្វើការនៅរោងចក្រ", "ករ របស់គាត់"),  # neck / worker
    ("my", "အလုပ်", "အလုပ်သမားများ", "သူတို့ အလုပ် လုပ်သည်"),  # work / worker
    ("shn", "ၼမ်", "ၼမ်ႉ ဢမ်ႇၸႂ်", "ၵူၼ်း ၼမ် မႃး"),  # many / water
    ("zh_CN", "民工", "移民工人的权利", "农村民工进城"),  # jieba: 移民|工人 vs 农村|民工
    ("vi", "ai", "Hai người lại đến.", "Ai cũng có quyền."),
]


@pytest.mark.parametrize("lang, query, inside, alone", WORDS_INSIDE_WORDS)
def test_search_finds_words_as_words_only(lang, query, inside, alone):
    memory = memory_of(lang, [inside, alone])
    found = [hit["msgstr"] for hit in memory.search(lang, query)]
    assert query in inside, "the case needs the query inside the longer word"
    assert found == [alone]


def test_search_needs_every_word_in_order():
    memory = memory_of("th", ["สิทธิของแรงงานข้ามชาติ", "แรงงานของสิทธิข้ามชาติ"])
    assert [hit["msgstr"] for hit in memory.search("th", "แรงงานข้ามชาติ")] == ["สิทธิของแรงงานข้ามชาติ"]
    assert [hit["msgstr"] for hit in memory.search("th", "สิทธิ ของ")] == ["สิทธิของแรงงานข้ามชาติ"]


def test_a_zawgyi_query_finds_the_unicode_translation():
    unicode_text = "ရွှေ့ပြောင်း အလုပ်သမားများ၏ အခွင့်အရေး"
    zawgyi = icu.Transliterator.createInstance("my-Zawgyi").transliterate("အလုပ်သမားများ၏ အခွင့်အရေး")
    assert zawgyi != "အလုပ်သမားများ၏ အခွင့်အရေး"
    memory = memory_of("my", [unicode_text, "မြန်မာ"])
    assert [hit["msgstr"] for hit in memory.search("my", zawgyi)] == [unicode_text]


def test_search_on_the_bundled_thai_catalogs(project):
    memory = TranslationMemory.load(project)
    work = {hit["msgstr"] for hit in memory.search("th", "งาน")}
    only_inside = {unit.translation for unit in memory.units("th")
                   if "แรงงาน" in unit.translation and "งาน" not in unit.translation.replace("แรงงาน", "")}
    assert work and only_inside, "the bundled Thai has both cases"
    assert not work & only_inside, "งาน only inside แรงงาน is not a hit"


def test_suggest_ranks_exact_then_close_and_says_where_from(project):
    memory = TranslationMemory.load(project)
    catalog = read_catalog(project.catalog_dir("km") / "about.po")
    entry = next(e for e in catalog if e.msgid == "About the Mekong Migration Network")
    best = memory.suggest("km", entry.msgid)
    assert best[0] == {"source": entry.msgid, "translation": entry.msgstr, "score": 100.0, "document": "about",
                       "reviewed": False, "fuzzy": False}
    close = memory.suggest("km", "About the Mekong Migration Networks", limit=3)
    assert close[0]["translation"] == entry.msgstr and 90 < close[0]["score"] < 100
    assert [s["score"] for s in close] == sorted((s["score"] for s in close), reverse=True)
    assert memory.suggest("km", "zzzz qqqq xxxx") == []


def test_fuzzy_entries_are_in_the_memory_marked_fuzzy(project):
    memory = TranslationMemory.load(project)
    fuzzy = [unit for unit in memory.units("shn") if unit.fuzzy]
    assert fuzzy, "the bundled Shan catalogs hold fuzzy entries"
    suggestion = memory.suggest("shn", fuzzy[0].source, limit=20)
    assert any(s["fuzzy"] and s["translation"] == fuzzy[0].translation for s in suggestion)


def test_the_cache_follows_edits(project):
    first = TranslationMemory.load(project)
    assert (project.build_dir / "tm" / "memory.json").is_file()
    path = project.catalog_dir("th") / "about.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog if e.msgid == "About the Mekong Migration Network")
    before = entry.msgstr
    entry.msgstr = "เกี่ยวกับเครือข่ายผู้ย้ายถิ่นลุ่มน้ำโขง"
    write_catalog(catalog, path)
    again = TranslationMemory.load(project)
    assert len(again) == len(first)
    translations = [s["translation"] for s in again.suggest("th", entry.msgid, limit=10)]
    assert entry.msgstr in translations and before not in translations


def test_suggest_cli_json(run):
    result = run(["tm", "suggest", "--lang", "vi", "About the Mekong Migration Network", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found[0]["score"] == 100.0 and found[0]["document"] == "about"
    assert set(found[0]) == {"source", "translation", "score", "document", "reviewed", "fuzzy"}
    bad = run(["tm", "suggest", "--lang", "xx", "text"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_search_cli_json(run):
    result = run(["tm", "search", "--lang", "th", "งาน", "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and all(set(hit) == {"document", "msgid", "msgstr"} for hit in hits)


def locale_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "locale").rglob("*.po")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_tmx_round_trip_through_translate_toolkit(run, project, tmp_path):
    from translate.storage.tmx import tmxfile

    out = tmp_path / "memory.tmx"
    result = run(["tm", "export", "--format", "tmx", "-o", str(out), "--lang", "km", "--lang", "zh_CN"])
    assert result.exit_code == 0, result.output
    memory = TranslationMemory.load(project)
    expected = sorted((u.source, u.translation) for code in ("km", "zh_CN") for u in memory.units(code) if not u.fuzzy)
    store = tmxfile(out.read_bytes())
    read_back = sorted((unit.source, unit.target) for unit in store.units)
    assert read_back == expected
    languages = {unit.xmlelement.findall("tuv")[1].get("{http://www.w3.org/XML/1998/namespace}lang")
                 for unit in store.units}
    assert languages == {"km", "zh-CN"}


def test_tmx_written_by_translate_toolkit_imports_into_the_memory_not_the_catalogs(run, project, tmp_path):
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="en", targetlanguage="th-TH")
    unit = store.addsourceunit("Decent work for domestic workers")
    unit.target = "งานที่มีคุณค่าสำหรับแรงงานทำงานบ้าน"
    source = tmp_path / "partner.tmx"
    source.write_bytes(bytes(store))
    before = locale_digest(project.root)
    result = run(["tm", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert (project.root / "tm" / "imported" / "partner.tmx").is_file()
    assert locale_digest(project.root) == before, "import never touches a catalog"
    best = TranslationMemory.load(project).suggest("th", "Decent work for domestic workers")[0]
    assert best["translation"] == "งานที่มีคุณค่าสำหรับแรงงานทำงานบ้าน" and best["document"] == "tmx:partner.tmx"
    again = run(["tm", "import", str(source)])
    assert again.exit_code == 0 and "already imported" in again.output


def test_a_utf16_tmx_is_kept_byte_for_byte(run, project, tmp_path):
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header srclang="en-US" segtype="sentence" '
            'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>'
            '<tu><tuv xml:lang="en-US"><seg>Safe migration for all</seg></tuv>'
            '<tuv xml:lang="LO-LA"><seg>ການເຄື່ອນຍ້າຍທີ່ປອດໄພສຳລັບທຸກຄົນ</seg></tuv></tu></body></tmx>\n')
    source = tmp_path / "omegat.tmx"
    source.write_bytes(text.encode("utf-16"))
    result = run(["tm", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert (project.root / "tm" / "imported" / "omegat.tmx").read_bytes() == source.read_bytes()
    best = TranslationMemory.load(project).suggest("lo", "Safe migration for all")[0]
    assert best["translation"] == "ການເຄື່ອນຍ້າຍທີ່ປອດໄພສຳລັບທຸກຄົນ" and best["score"] == 100.0


@pytest.mark.parametrize("content, problem", [
    ("<tmx version='1.4'><header/><body><tu><tuv xml:lang='en'><seg>a</seg>", "not well-formed XML"),
    ("<xliff version='1.2'><file/></xliff>", "not a TMX file"),
    ("<tmx version='1.4'><header srclang='en'/><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>", "xml:lang"),
])
def test_bad_tmx_is_one_line_exit_2(run, project, tmp_path, content, problem):
    bad = tmp_path / "bad.tmx"
    bad.write_text(content, encoding="utf-8")
    result = run(["tm", "import", str(bad)])
    assert result.exit_code == 2
    assert problem in result.output and "Traceback" not in result.output
    assert str(bad) in result.output and len(result.output.strip().splitlines()) == 1
    assert not (project.root / "tm").exists()


def test_update_fills_new_entries_from_other_documents_as_fuzzy(run, project):
    pot = project.pot_dir / "new-leaflet.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   '#: ../../source/new-leaflet.rst:1\nmsgid "About the Mekong Migration Network"\nmsgstr ""\n\n'
                   '#: ../../source/new-leaflet.rst:3\nmsgid "A line no document has yet."\nmsgstr ""\n',
                   encoding="utf-8")
    result = run(["update", "--lang", "th", "--lang", "lo"])
    assert result.exit_code == 0, result.output
    assert "2 new entries filled" in result.output
    for code in ("th", "lo"):
        about = {e.msgid: e.msgstr for e in read_catalog(project.catalog_dir(code) / "about.po")}
        entries = {e.msgid: e for e in read_catalog(project.catalog_dir(code) / "new-leaflet.po")}
        filled = entries["About the Mekong Migration Network"]
        assert filled.msgstr == about["About the Mekong Migration Network"]
        assert "fuzzy" in filled.flags and "mmn-tm: from about" in filled.tcomment
        assert entries["A line no document has yet."].msgstr == ""
    again = run(["update", "--lang", "th"])
    assert "0 new entries filled" in again.output and "0 updated" in again.output
