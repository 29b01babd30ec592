"""The vocabulary in each language's site: real Sphinx builds of th, zh_CN, vi and lo."""
from __future__ import annotations

import html
import re

import icu
import pytest

from mmn_i18n.publishing.html import build_html
from mmn_i18n.gettext.catalogs import read_catalog
from mmn_i18n.project import load_project
from mmn_i18n.publishing.site.line_breaks import unmark_line_breaks

from conftest import copy_project

BUILT = ["th", "zh_CN", "vi", "lo"]
STATEMENT = "statement-migrants-day-2015"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """One build of four languages, shared by every test here.

    Only the vocabulary, one publication and the report it refers to (:ref:) are kept, to keep
    the builds short; a broken reference would fail the build.
    """
    root = copy_project(tmp_path_factory.mktemp("vocabulary") / "project")
    kept = (STATEMENT, "event-report-chiang-mai-2015")
    for source in (root / "source").glob("*.rst"):
        if source.stem not in ("index", *kept):
            source.unlink()
    (root / "source" / "index.rst").write_text(
        "Publications\n============\n\n.. toctree::\n\n" + "".join(f"   {doc}\n" for doc in kept)
        + "   vocabulary/index\n", encoding="utf-8")
    project = load_project(root)
    results = {result.language: result for result in build_html(project, BUILT, jobs=2)}
    return project, results


def page(sites, lang: str, doc: str) -> str:
    project, _ = sites
    return unmark_line_breaks((project.build_dir / "html" / lang / f"{doc}.html").read_text(encoding="utf-8"))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def az(sites, lang: str) -> dict[str, list[str]]:
    """Heading -> entries (the term in that language, without the English gloss), in page order."""
    body = page(sites, lang, "vocabulary/a-z")
    sections = re.split(r'<p class="mmn-az-letter rubric" id="az-\d+">', body)[1:]
    result = {}
    for section in sections:
        label, rest = section.split("</p>", 1)
        rest = rest.split("</ul>", 1)[0]
        result[text_of(label)] = [text_of(re.search(r"<a [^>]*>(.*?)</a>", item, re.S).group(1))
                                  for item in re.findall(r"<li>(.*?)</li>", rest, re.S)]
    return result


def test_builds_have_no_warning_about_terms(sites):
    _, results = sites
    for lang, result in results.items():
        # No unresolved :term:, no duplicate term, no inconsistent term reference: any warning
        # would also have failed the build.
        assert result.ok, (lang, result.warnings)
        assert not [w for w in result.warnings if "WARNING" in w or "ERROR" in w], (lang, result.warnings)


def test_glossary_entry_shows_term_translation_definition_and_example(sites):
    thai = page(sites, "th", "vocabulary/index")
    entry = re.search(r'<dt id="term-work-permit">(.*?)<dt id="term-', thai, re.S).group(1)
    assert "ใบอนุญาตทำงาน" in entry  # the Thai term replaces the English one
    assert "ภาษาอังกฤษ" in entry and "work permit" in entry  # with the English term beside it
    assert "ตัวอย่าง" in text_of(entry)  # the "Example" label, translated
    assert "เอกสารทางราชการของประเทศปลายทาง" in entry and "An official document" not in entry
    host = re.search(r'<dt id="term-host-country">(.*?)<dt id="term-', thai, re.S).group(1)
    assert "The country where a migrant lives" in host  # its Thai definition is fuzzy: the English one is shown
    related = [r for r in re.findall(r'href="#term-([\w-]+)"', entry) if r != "work-permit"]
    assert related == ["migrant-worker", "change-of-employer", "temporary-passport"]
    assert "เพิ่มเมื่อ" in entry and "1 ตุลาคม ค.ศ. 2012" in entry


@pytest.mark.parametrize("lang", ["th", "zh_CN"])
def test_glossary_entries_follow_the_languages_order(sites, lang):
    entries = [text_of(t) for t in re.findall(r'<dt id="term-[\w-]+">(.*?)<a class="headerlink"',
                                              page(sites, lang, "vocabulary/index"))]
    assert len(entries) >= 117
    collator = icu.Collator.createInstance(icu.Locale("zh_Hans_CN" if lang == "zh_CN" else lang))
    assert entries == sorted(entries, key=collator.getSortKey)
    if lang == "zh_CN":
        assert entries.index("安全移徙") < entries.index("边境通行证") < entries.index("移徙工人")


def test_publication_terms_link_to_the_entry_in_the_same_language(sites):
    for lang in BUILT:
        statement = page(sites, lang, STATEMENT)
        links = re.findall(r'href="(vocabulary/index\.html#term-[\w-]+)"', statement)
        assert "vocabulary/index.html#term-social-security" in links, lang
        vocabulary = page(sites, lang, "vocabulary/index")
        for link in set(links):
            assert f'id="{link.split("#")[1]}"' in vocabulary, (lang, link)


def test_thai_a_to_z_files_leading_vowels_under_their_consonant(sites):
    index = az(sites, "th")
    assert "แรงงานข้ามชาติ" in index["ร"]  # แ is written first but sorts by ร
    assert "เงินส่งกลับบ้าน" in index["ง"]
    assert "ใบอนุญาตทำงาน" in index["บ"]
    labels = list(index)
    assert labels.index("ก") < labels.index("ง") < labels.index("บ") < labels.index("ร")
    ko = index["ก"]
    assert ko == sorted(ko, key=icu.Collator.createInstance(icu.Locale("th")).getSortKey)


def test_lao_a_to_z_files_leading_vowels_under_their_consonant(sites):
    index = az(sites, "lo")
    assert "ແຮງງານເຄື່ອນຍ້າຍ" in index["ຮ"]
    assert "ເງິນສົ່ງກັບບ້ານ" in index["ງ"]
    assert "ໃບອະນຸຍາດເຮັດວຽກ" in index["ບ"]


def test_chinese_a_to_z_is_by_pinyin(sites):
    index = az(sites, "zh_CN")
    assert "移徙工人" in index["Y"] and "边境通行证" in index["B"] and "安全移徙" in index["A"]
    labels = [label for label in index if len(label) == 1 and label.isascii()]
    assert labels == sorted(labels)
    assert index["B"].index("庇护所") < index["B"].index("边境通行证")  # bì before biān


def test_vietnamese_a_to_z_puts_d_stroke_after_d(sites):
    index = az(sites, "vi")
    labels = list(index)
    assert labels.index("D") + 1 == labels.index("Đ")
    assert "di cư an toàn" in index["D"]
    assert "đặc khu kinh tế" in index["Đ"] and "đăng ký lao động di cư" in index["Đ"]


def test_table_shows_one_term_in_all_eight_languages(sites):
    table = page(sites, "vi", "vocabulary/table")
    header = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
    assert [text_of(cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", header, re.S)] == [
        "English", "မြန်မာ", "ខ្មែរ", "ລາວ", "ไทย", "Tiếng Việt", "中文 (简体, 中国)", "တႆး"]
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if ">migrant worker<" in r)
    cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["migrant worker", "ရွှေ့ပြောင်းအလုပ်သမား", "ពលករចំណាកស្រុក", "ແຮງງານເຄື່ອນຍ້າຍ",
                     "แรงงานข้ามชาติ", "lao động di cư", "移徙工人", "ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်း"]
    assert 'href="index.html#term-migrant-worker"' in row  # the build language's cell links to its entry
    assert '<span lang="shn">ၵူၼ်းႁဵတ်းၵၢၼ်ၶၢမ်ႈမိူင်း</span>' in row  # each cell says its language (fonts)
    assert '<span lang="zh-CN">移徙工人</span>' in row


def test_terms_to_avoid_page_lists_the_languages_own_words_and_english(sites):
    thai = text_of(page(sites, "th", "vocabulary/avoid"))
    assert "แรงงานเถื่อน" in thai and "แรงงานข้ามชาติที่ไม่มีเอกสาร" in thai
    assert "illegal migrant" in thai
    assert "คนไม่อาจผิดกฎหมายได้" in thai  # the English reason, translated through the catalog
    chinese = text_of(page(sites, "zh_CN", "vocabulary/avoid"))
    assert "非法移民" in chinese and "无证移民" in chinese


def test_new_terms_newest_first_with_dates_in_the_language(sites):
    thai = page(sites, "th", "vocabulary/new")
    dates = [text_of(d) for d in re.findall(r'<p class="mmn-new-date rubric">(.*?)</p>', thai)]
    assert dates[:2] == ["5 ธันวาคม ค.ศ. 2026", "2 พฤศจิกายน ค.ศ. 2026"] and dates[-1] == "1 ตุลาคม ค.ศ. 2012"
    groups = thai.split('<p class="mmn-new-date rubric">')
    assert "งานที่มีคุณค่า" in groups[1]  # decent work, added 5 December 2026
    assert "ภาวะเครียดจากความร้อน" in groups[2]  # heat stress, added 2 November 2026
    chinese = page(sites, "zh_CN", "vocabulary/new")
    assert "2026年12月5日" in chinese and "2026年11月2日" in chinese


def test_vocabulary_text_reaches_translators_through_the_templates(run, project_dir):
    result = run(["extract"])
    assert result.exit_code == 0, result.output
    template = (project_dir / "locale" / "pot" / "vocabulary" / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "arrest, detention and deportation"' in template
    # Read as a catalog: the message is whole whether or not a tool wrapped its line.
    messages = {entry.msgid for entry in read_catalog(project_dir / "locale" / "pot" / "vocabulary" / "index.pot")}
    assert "The removal of a person from a country by its authorities against the person's will." in messages
    assert 'msgid "In English"' in template and 'msgid "Related terms"' in template
    assert "2012-10-01" not in template.split('msgstr ""', 1)[1], "generated dates are not for translation"


def test_a_new_term_goes_from_author_to_translator_to_reader(run, project_dir):
    """terms.csv -> extract -> update -> glossary import -> Thai site, with a link from a publication."""
    with (project_dir / "glossary" / "terms.csv").open("a", encoding="utf-8") as terms:
        terms.write("wage-theft,wage theft,noun,Labour and employment,"
                    "Not paying workers all the wages they have earned.,"
                    "Wage theft is common where workers cannot read their payslips.,"
                    "minimum-wage,2026-11-20,,\n")
    for source in (project_dir / "source").glob("*.rst"):
        if source.stem != "index":
            source.unlink()
    (project_dir / "source" / "index.rst").write_text(
        "Publications\n============\n\nSee :term:`wage theft`.\n\n.. toctree::\n\n   vocabulary/index\n",
        encoding="utf-8")
    assert run(["extract"]).exit_code == 0
    assert run(["update", "--lang", "th"]).exit_code == 0
    (project_dir / "sheet.csv").write_text("id,th\nwage-theft,การขโมยค่าจ้าง\n", encoding="utf-8")
    imported = run(["glossary", "import", "sheet.csv"])
    assert "added    th     wage-theft (term): การขโมยค่าจ้าง" in imported.stdout
    built = run(["build", "--lang", "th"])
    assert built.exit_code == 0, built.output
    site = project_dir / "_build" / "html" / "th"
    glossary = unmark_line_breaks((site / "vocabulary" / "index.html").read_text(encoding="utf-8"))
    assert '<dt id="term-wage-theft">การขโมยค่าจ้าง' in glossary
    new = unmark_line_breaks((site / "vocabulary" / "new.html").read_text(encoding="utf-8"))
    assert new.index("การขโมยค่าจ้าง") < new.index("ภาวะเครียดจากความร้อน")  # newest first
    index = unmark_line_breaks((site / "index.html").read_text(encoding="utf-8"))
    assert 'href="vocabulary/index.html#term-wage-theft"' in index


def test_burmese_dates_use_myanmar_digits_like_the_text():
    from mmn_i18n.publishing.site.site_text import format_document_date
    from mmn_i18n.publishing.site.vocabulary import language_date

    assert format_document_date("2015-12-18", "my") == "၂၀၁၅ ဒီဇင်ဘာ ၁၈"
    assert language_date("2026-12-05", "my") == "၂၀၂၆ ဒီဇင်ဘာ ၅"
    assert format_document_date("2015-12-18", "th") == "18 ธันวาคม ค.ศ. 2015"  # CLDR's default for Thai is ASCII
