"""The printed copy of a page: break hints in the text only, links that still lead somewhere."""
from __future__ import annotations

import re

from mmn_i18n.publishing.pdf.furnish import furnish, is_partly_translated
from mmn_i18n.publishing.pdf.prepare import WORD_JOINER, print_copy
from mmn_i18n.publishing.pdf.split import GLOSSARY_TERMS_PER_PART, TABLE_ROWS_PER_PART, split_page
from mmn_i18n.segment import ZWSP, strip_break_hints

SCRIPT_SPAN = re.compile(r'<span class="mmn-(?:khmr|mymr)">(.*?)</span>')
SCRIPT_CLASS = re.compile(r' class="mmn-(?:khmr|mymr)"|(?<=class=")mmn-(?:khmr|mymr) ')


def copy(body: str, lang: str = "km", keep_script_spans: bool = False) -> str:
    out = print_copy(f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>', "page.html")[0]
    return out if keep_script_spans else SCRIPT_CLASS.sub("", SCRIPT_SPAN.sub(r"\1", out))


def test_words_are_segmented_across_inline_markup():
    # "ពលករចំណាកស្រុក" is two words; markup splits the second one in the middle.
    out = copy("<p>ពលករចំណាក<strong>ស្រុក</strong>ត្រូវការ</p>")
    assert out.count(ZWSP) == 2
    assert f"ពលករ{ZWSP}ចំណាក<strong>ស្រុក</strong>{ZWSP}ត្រូវការ" in out


def test_attributes_styles_and_english_passages_get_no_hints():
    out = copy('<p title="ពលករចំណាកស្រុក">ពលករចំណាកស្រុក <span lang="en">migrant workers</span></p>'
               '<style>p::after { content: "ពលករចំណាកស្រុក" }</style>')
    assert 'title="ពលករចំណាកស្រុក"' in out
    assert 'content: "ពលករចំណាកស្រុក"' in out
    assert f"ពលករ{ZWSP}ចំណាកស្រុក" in out
    assert "migrant workers" in out


def test_markup_in_text_stays_escaped():
    out = copy("<p>ពលករ &lt;script&gt;alert(1)&lt;/script&gt; &amp; ចំណាក</p>")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out


def test_links_to_other_pages_are_dropped_but_their_words_kept():
    out = copy('<p><a class="reference internal" href="vocabulary.html#term-a">ពលករ</a> '
               '<a href="page.html#top">ក</a> <a href="#x">ខ</a> <a href="https://example.org/">គ</a></p>')
    assert "vocabulary.html" not in out and "<p>ពលករ " in out  # nor an <a> leading nowhere
    assert 'href="#top"' in out and 'href="#x"' in out and 'href="https://example.org/"' in out


def test_headings_carry_their_words_for_the_outline():
    out = copy('<h1>ពលករចំណាកស្រុក<a class="headerlink" href="#t">¶</a></h1>')
    assert 'data-bookmark="ពលករចំណាកស្រុក"' in out
    assert strip_break_hints(out) != out  # the visible heading itself is hinted


def test_images_are_listed_for_the_rebuild_check():
    page, files = print_copy('<html lang="th"><body><img src="_images/map.png" alt="แผนที่"></body></html>', "p.html")
    assert files == ["_images/map.png"]


def test_addresses_and_phone_numbers_are_unbreakable_without_their_sentence_punctuation():
    out = copy("<p>Write to info@mekongmigration.org, call +95 9 450 068 153 or see www.mekongmigration.org.</p>", "en")
    assert '<span class="mmn-nobreak">info@mekongmigration.org</span>,' in out
    assert '<span class="mmn-nobreak">+95 9 450 068 153</span>' in out
    assert '<span class="mmn-nobreak">www.mekongmigration.org</span>.' in out


def test_khmer_and_myanmar_runs_get_a_span_sized_by_the_stylesheet():
    out = copy('<p>ពលករ 2012 <span lang="my">အလုပ်သမား</span> MMN</p>', keep_script_spans=True)
    assert '<span class="mmn-khmr">ពលករ </span>2012' in out  # the run keeps its space (pdfium, see SCRIPT_RUN)
    assert '<span lang="my" class="mmn-mymr">အလုပ်သမား</span> MMN' in out  # the run is the whole span
    cells = copy('<table><tr><td><span lang="th">แรงงาน</span></td><td><span lang="my">အလုပ်သမား</span></td>'
                 '<td><span lang="en">worker</span></td><td lang="lo"><span lang="th">ก</span></td></tr></table>',
                 keep_script_spans=True)
    assert '<td lang="th">แรงงาน</td><td class="mmn-mymr" lang="my">အလုပ်သမား</td>' in cells  # the span's all it held
    assert '<td><span lang="en">worker</span></td>' in cells  # an English cell would read as untranslated
    assert '<td lang="lo"><span lang="th">ก</span></td>' in cells  # a cell's own language is kept


def test_an_element_that_is_one_script_run_wears_its_class_instead_of_a_span():
    out = copy('<dl><dt id="t">ពលករ</dt><dd class="field-odd">ខ<span class="colon">:</span></dd>'
               '<dd><a href="#t">ពលករ</a>, <a href="#t">គ</a></dd>'
               '<dd>1 តុលា 2012</dd></dl><h2>ពលករ</h2><p class="mmn-letterhead-name">ក</p>', keep_script_spans=True)
    assert '<dt id="t" class="mmn-khmr">ពលករ</dt>' in out
    assert '<dd class="mmn-khmr field-odd">ខ:</dd>' in out  # a field name's colon goes with it
    assert '<dd><a href="#t" class="mmn-khmr">ពលករ</a>, <a href="#t" class="mmn-khmr">គ</a></dd>' in out
    assert '<dd>1 <span class="mmn-khmr">តុលា </span>2012</dd>' in out  # Latin beside it: the span stays
    assert '<span class="mmn-khmr">ពលករ</span></h2>' in out  # a heading sets its own size
    assert '<p class="mmn-letterhead-name"><span class="mmn-khmr">ក</span></p>' in out


def test_a_chinese_paragraph_never_ends_with_one_character_alone_on_its_line():
    out = copy("<p>我们请求各国政府倾听移民的声音。</p><p>好。</p>", "zh-CN")
    assert f"声{WORD_JOINER}音。" in out
    assert "<p>好。</p>" in out  # one character: nothing to glue it to
    assert WORD_JOINER not in copy("<p>ពលករចំណាក</p>")


def test_permalinks_and_presentational_spans_are_left_out_of_the_copy():
    out = copy('<h2>ក<a class="headerlink" href="#x" title="t">¶</a></h2>'
               '<dl class="field-list"><dt class="field-odd">ខ<span class="colon">:</span></dt>'
               '<dd class="field-odd"><p>គ</p></dd><dd class="field-even"><p lang="en">English</p></dd></dl>'
               '<p><a href="#t"><span class="xref std std-term">ឃ</span></a></p>')
    assert "¶" not in out and "headerlink" not in out
    assert '<div class="mmn-field"><b class="field-odd">ខ:</b> គ</div>' in out
    assert '<p lang="en">English</p>' in out  # a paragraph with a language keeps its element
    assert '<a href="#t">ឃ</a>' in out


def test_a_field_list_prints_one_block_per_field_with_its_name_in_bold():
    out = copy('<dl class="field-list simple"><dt class="field-odd">ក<span class="colon">:</span></dt>'
               '<dd class="field-odd"><p>ខ</p>\n</dd><dt class="field-even">គ<span class="colon">:</span></dt>'
               '<dd class="field-even" lang="en"><p>term</p></dd></dl>')
    assert ('<div class="field-list simple"><div class="mmn-field"><b class="field-odd">ក:</b> ខ\n</div>'
            '<div class="mmn-field mmn-field-en"><b class="field-even">គ:</b> '
            '<span class="field-even" lang="en">term</span></div></div>') in out


def test_a_page_with_english_blocks_is_partly_translated_but_an_english_span_is_not():
    page = '<html lang="km"><head></head><body><main><p>ក <span lang="en">term</span></p>{}</main></body></html>'
    assert not is_partly_translated(page.format(""))
    assert is_partly_translated(page.format('<p lang="en">Not yet translated.</p>'))
    assert not is_partly_translated(page.format("").replace('lang="km"', 'lang="en"', 1))
    furnished = furnish(page.format('<p lang="en">Not yet translated.</p>'), "km")
    assert "@bottom-left" in furnished and "mmn-letterhead" in furnished
    assert "@bottom-left" not in furnish(page.format(""), "km")


def test_a_table_cells_first_bare_paragraph_is_left_out_but_a_second_stays_a_block():
    out = copy('<table><tr><td><p>ក</p><p>ខ</p></td><td><p>គ</p></td><td><p lang="en">term</p></td></tr>'
               '<tr><th><p>ឃ</p></th></tr></table>')
    assert "<td>ក<p>ខ</p></td><td>គ</td>" in out
    assert '<td><p lang="en">term</p></td>' in out and "<th>ឃ</th>" in out


def _glossary_page(count: int) -> str:
    """A bare glossary page: every third term has a synonym (two <dt>s, one block) and a field list inside."""
    blocks = []
    for n in range(count):
        synonym = f'<dt id="term-t{n}-b">t{n} b</dt>' if n % 3 == 0 else ""
        blocks.append(f'<dt id="term-t{n}">t{n}</dt>{synonym}<dd><p>d{n}</p>\n<dl class="field-list simple">'
                      f'<dt class="field-odd">f</dt><dd class="field-odd"><p><a href="#term-t{(n + 60) % count}">x</a></p></dd>'
                      '</dl>\n</dd>\n')
    return ('<html><body><main><h1>Vocabulary</h1><p>intro</p><dl class="glossary">\n'
            + "".join(blocks) + "</dl>\n<p>after</p></main></body></html>")


def test_a_long_glossary_is_cut_between_term_blocks_into_even_parts():
    count = 2 * GLOSSARY_TERMS_PER_PART + 7
    parts = split_page(_glossary_page(count))
    assert len(parts) == 3
    held = [re.findall(r'<dt id="(term-t\d+)">', part) for part in parts]
    assert [term for terms in held for term in terms] == [f"term-t{n}" for n in range(count)]
    assert sorted(len(terms) for terms in held) == [35, 36, 36]
    for part, terms in zip(parts, held):
        assert part.count("<dl") == part.count("</dl>") and part.count("<dd") == part.count("</dd>")
        assert part.startswith("<html><body><main><h1>Vocabulary</h1><p>intro</p>") and "<p>after</p>" in part
        assert all(f'<dt id="{term}-b">' in part for term in terms if int(term[6:]) % 3 == 0), "a synonym stays with its block"
        # A link to a term in another part loses its target, not its words.
        for target in re.findall(r'href="#([^"]+)"', part):
            assert f'id="{target}"' in part
        assert part.count(">x</a>") == len(terms)


def test_a_short_page_is_one_part_and_a_long_table_repeats_its_header():
    assert split_page(_glossary_page(GLOSSARY_TERMS_PER_PART)) == [_glossary_page(GLOSSARY_TERMS_PER_PART)]
    rows = "".join(f'<tr class="row-odd"><td><p>r{n}</p></td><td><p>c{n}</p></td></tr>\n'
                   for n in range(TABLE_ROWS_PER_PART + 1))
    page = ('<main><table class="mmn-vocabulary-table docutils"><thead><tr><th>English</th><th>ไทย</th></tr></thead>'
            f"<tbody>\n{rows}</tbody></table></main>")
    parts = split_page(page)
    assert len(parts) == 2 and all("<thead><tr><th>English</th><th>ไทย</th></tr></thead>" in part for part in parts)
    held = [re.findall(r"<p>(r\d+)</p>", part) for part in parts]
    assert [row for rows in held for row in rows] == [f"r{n}" for n in range(TABLE_ROWS_PER_PART + 1)]
    assert all(part.count("<tr") == part.count("</tr>") for part in parts)

