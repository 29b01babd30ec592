"""The printed copy of a page: break hints in the text only, links that still lead somewhere."""
from __future__ import annotations

from mmn_i18n.pdf.prepare import print_copy
from mmn_i18n.segment import ZWSP, strip_break_hints


def copy(body: str, lang: str = "km") -> str:
    return print_copy(f'<html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>', "page.html")[0]


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
    assert "vocabulary.html" not in out and ">ពលករ</a>" in out
    assert 'href="#top"' in out and 'href="#x"' in out and 'href="https://example.org/"' in out


def test_headings_carry_their_words_for_the_outline():
    out = copy('<h1>ពលករចំណាកស្រុក<a class="headerlink" href="#t">¶</a></h1>')
    assert 'data-bookmark="ពលករចំណាកស្រុក"' in out
    assert strip_break_hints(out) != out  # the visible heading itself is hinted


def test_images_are_listed_for_the_rebuild_check():
    page, files = print_copy('<html lang="th"><body><img src="_images/map.png" alt="แผนที่"></body></html>', "p.html")
    assert files == ["_images/map.png"]
