"""Search finds a word of a translated page in every language, as a reader's browser would search.

A word is taken from a translated title of a page published in the language;
the query is split by that site's own language_data.js splitQuery (run in
Node, whose Intl.Segmenter is ICU like a browser's) and stemmed by its
Stemmer, exactly as searchtools.js does; every term must be in the built
searchindex.js and all of them must point at the page.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import polib
import pytest

from mmn_i18n.segment import words
from test_html_site import site  # noqa: F401  (the session's built sites)

SEARCH_LANGUAGES = ["th", "lo", "km", "my", "shn", "zh_CN", "vi"]
NODE = shutil.which("node") or "node"  # scripts/setup.sh installs Node.js when missing

# What searchtools.js does with a query: split, lowercase, stem.
NODE_QUERY = r"""
const fs = require("fs"), vm = require("vm");
const [languageData, searchtools, query] = process.argv.slice(1).map((a, i) => i < 2 ? fs.readFileSync(a, "utf8") : a);
const context = { window: {}, Intl };
vm.createContext(context);
vm.runInContext(languageData, context);
if (typeof context.splitQuery === "undefined") {
  // the default splitter of searchtools.js (used by languages without their own)
  const start = searchtools.indexOf('if (typeof splitQuery === "undefined")');
  const end = searchtools.indexOf("}", searchtools.indexOf("filter(", start)) + 1;
  vm.runInContext(searchtools.slice(start, end), context);
}
const stemmer = new (context.Stemmer || context.window.Stemmer)();
const terms = context.splitQuery(query.trim()).map((t) => stemmer.stemWord(t.toLowerCase()));
console.log(JSON.stringify(terms.filter((t) => t && !context.window.stopwords.has(t) && !/^\d+$/.test(t))));
"""


def search_index(site_dir) -> dict:
    text = (site_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def browser_terms(site_dir, query: str) -> list[str]:
    run = subprocess.run([NODE, "-e", NODE_QUERY, str(site_dir / "_static" / "language_data.js"),
                          str(site_dir / "_static" / "searchtools.js"), query],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def pages_found(index: dict, terms: list[str]) -> set[str]:
    """The docnames that contain every term (searchtools.js requires all of them)."""
    found = None
    for term in terms:
        hits = index["terms"].get(term, [])
        hits = {hits} if isinstance(hits, int) else set(hits)
        hits |= {d for d in ([index["titleterms"].get(term)] if isinstance(index["titleterms"].get(term), int)
                             else index["titleterms"].get(term, []))}
        found = hits if found is None else found & hits
    return {index["docnames"][number] for number in (found or set())}


def translated_title_word(site, language: str) -> tuple[str, str]:
    """(docname, a long word of its translated title) for a page published in language."""
    for doc in site.published_docs(language):
        catalog = site.catalog(language, doc)
        if not catalog.is_file():
            continue
        title = next((e for e in polib.pofile(str(catalog)) if e.msgstr and "fuzzy" not in e.flags), None)
        if title is None:
            continue
        candidates = [w for w in words(title.msgstr, language)
                      if not w.isdigit() and not re.fullmatch(r"[A-Za-z]+", w)]
        if candidates:
            return doc, max(candidates, key=len)
    pytest.fail(f"no translated page is published in {language}")


@pytest.mark.parametrize("language", SEARCH_LANGUAGES)
def test_a_word_from_a_translated_page_finds_that_page(site, language):  # noqa: F811
    site_dir = site.root / "_build" / "html" / language
    doc, word = translated_title_word(site, language)
    terms = browser_terms(site_dir, word)
    assert terms, (language, word)
    assert doc in pages_found(search_index(site_dir), terms), (language, word, terms)


@pytest.mark.parametrize("language", ["th", "lo", "km", "my", "shn"])
def test_text_without_spaces_is_indexed_as_words_not_as_whole_lines(site, language):  # noqa: F811
    """Sphinx alone would index a Thai sentence as one "word"; the index holds short words instead."""
    index = search_index(site.root / "_build" / "html" / language)
    script_terms = [term for term in index["terms"] if re.search(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]", term)]
    assert len(script_terms) > 100
    assert max(len(term) for term in script_terms) < 30, sorted(script_terms, key=len)[-3:]


def test_chinese_index_is_segmented_by_jieba(site):  # noqa: F811
    index = search_index(site.root / "_build" / "html" / "zh_CN")
    han = [term for term in index["terms"] if re.fullmatch(r"[\u4e00-\u9fff]+", term)]
    assert "移民" in han and max(len(term) for term in han) <= 8
