"""What a reader sees, measured in headless Chromium on the session's built sites.

Line starts against our segmenter (ICU dictionaries, the Shan syllable rule),
text read back exactly as translated, one font stack, line height, page
weight, no sideways scrolling on a phone, controls not clipped, landing pages
valid and accessible. Every expectation comes from the catalogs, the
segmenter or the built files, never from a list of known pages.
"""
from __future__ import annotations

import json
import re
import subprocess

import polib
import pytest
from click.testing import CliRunner

from browser import LINE_STARTS_JS, NODE_TOOLS, WIDTHS, Server, open_page
from conftest import copy_project
from mmn_i18n import segment
from mmn_i18n.interfaces.cli import cli
from mmn_i18n.languages import get_language
from mmn_i18n.language_facts import facts
from mmn_i18n.publishing.site.fonts import SCRIPT_RANGES
from mmn_i18n.publishing.site.line_breaks import mark_line_breaks, unmark_line_breaks
from test_html_site import LANGUAGES, site  # noqa: F401  (the session's built sites)

SEGMENTED = ["my", "shn", "km", "lo", "th"]
HINTED = re.compile(f"[{segment._HINTED_SCRIPT_CHARS}]")
# Closing punctuation no Chinese line may start with (GB/T 15834, CLDR's line-break rules).
CJK_NO_LINE_START = set("。，、；：？！）］｝」』】〕〗〉》’”…‥·・%‰℃")
PAGE_BUDGET = 400 * 1024
NOTO_FAMILIES = set(SCRIPT_RANGES)


@pytest.fixture(scope="module")
def server(site):  # noqa: F811
    served = Server(site.root / "_build")
    yield served
    served.close()


def site_pages(site, language: str) -> list[str]:  # noqa: F811
    root = site.root / "_build" / "html" / language
    return sorted(p.relative_to(site.root / "_build").as_posix() for p in root.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(root).parts))


def _html_lang_to_code(lang: str, page_language: str) -> str:
    lang = lang or page_language
    return {"zh-CN": "zh_CN"}.get(lang, lang)


def bad_line_starts(block: dict, language: str) -> list[str]:
    """Line starts of one block that are no break opportunity of its language (with context)."""
    text = block["text"]
    allowed: dict[str, set[int]] = {}
    bad = []
    for start, lang in block["starts"]:
        code = _html_lang_to_code(lang, language)
        before, after = text[start - 1], text[start]
        if before.isspace():
            continue
        if code == "zh_CN":
            if after in CJK_NO_LINE_START:
                bad.append(f"{text[max(0, start - 8):start]}|{text[start:start + 8]}")
            continue
        if not (HINTED.match(before) or HINTED.match(after)):
            continue  # Latin text inside the page: the browser's own rules (spaces, hyphens, URLs)
        code = code if code in SEGMENTED else language
        if code not in allowed:
            allowed[code] = set(segment.line_breaks(text, code))
        if start not in allowed[code]:
            bad.append(f"{text[max(0, start - 8):start]}|{text[start:start + 8]}")
    return bad


@pytest.mark.parametrize("width", WIDTHS)
def test_lines_break_only_where_the_language_allows(site, server, browser, width):  # noqa: F811
    checked, problems = 0, []
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for language in [*SEGMENTED, "zh_CN"]:
        for path in site_pages(site, language):
            page.goto(server.url + path, wait_until="load")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            for block in page.evaluate(LINE_STARTS_JS):
                if not block["starts"]:
                    continue
                checked += len(block["starts"])
                problems += [f"{path} @{width}px: {cut}" for cut in bad_line_starts(block, language)]
    context.close()
    assert checked > 500, "the pages must have many wrapped lines to check"
    assert not problems, f"{len(problems)} line starts inside a word, e.g.\n" + "\n".join(problems[:20])


def _plain_translations(site, language: str, doc: str) -> list[str]:  # noqa: F811
    """Translated sentences without markup, as the page must give them back."""
    result = []
    for entry in polib.pofile(str(site.catalog(language, doc))):
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags \
                and re.fullmatch(r"[^<>*`|_\[\]:\\]{12,}", entry.msgstr):
            result.append(" ".join(entry.msgstr.split()))
    return result


def test_text_reads_back_exactly_as_translated(site, server, browser):  # noqa: F811
    page = open_page(browser, server.url, 390)
    checked = 0
    for language in [*SEGMENTED, "zh_CN", "vi"]:
        for doc in site.published_docs(language):
            if not site.catalog(language, doc).is_file() or doc.startswith("vocabulary/"):
                continue
            page.goto(f"{server.url}html/{language}/{doc}.html", wait_until="load")
            inner = page.evaluate("() => document.body.innerText")
            selected = page.evaluate("""() => { const s = getSelection(); s.removeAllRanges();
                const r = document.createRange(); r.selectNodeContents(document.querySelector('div.body'));
                s.addRange(r); return s.toString(); }""")
            assert "\u200b" not in inner and "\u200b" not in selected, (language, doc)
            inner, selected = " ".join(inner.split()), " ".join(selected.split())
            for sentence in _plain_translations(site, language, doc):
                assert sentence in inner, (language, doc, sentence)
                assert sentence in selected, (language, doc, sentence)
                checked += 1
            # In-page search finds a whole translated phrase across the word marks.
            sentences = _plain_translations(site, language, doc)
            if sentences:
                cut = max([b for b in segment.line_breaks(sentences[0], language) if b <= 40] or [len(sentences[0])])
                phrase = sentences[0][:cut].strip()  # whole words: find-in-page matches whole clusters
                page.evaluate("() => getSelection().removeAllRanges()")
                assert page.evaluate("(p) => window.find(p, true, false, true)", phrase), (language, doc, phrase)
    assert checked > 100


ELEMENTS = {  # what every page shows, by selector
    "heading": "div.body h1", "paragraph": "div.body p", "sidebar link": "div.sphinxsidebar a",
    "sidebar heading": "div.sphinxsidebar h3", "search box": "#searchbox input[type=text]",
    "search button": "#searchbox input[type=submit]", "footer": "div.footer", "language menu": "nav.mmn-languages",
}


def test_one_font_stack_for_every_element_and_the_scripts_line_height(site, server, browser):  # noqa: F811
    page = open_page(browser, server.url, 1280)
    cdp = page.context.new_cdp_session(page)
    for language in LANGUAGES:
        page.goto(f"{server.url}html/{language}/index.html", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        first = facts(language).font_family or "Noto Sans"
        for what, selector in ELEMENTS.items():
            family = page.evaluate("(s) => { const e = document.querySelector(s); return e && getComputedStyle(e).fontFamily; }",
                                   selector)
            if family is None:
                continue
            assert family.split(",")[0].strip().strip('"') == first, (language, what, family)
            assert "Georgia" not in family, (language, what, family)
        # The fonts Chromium really drew the heading and the body with (digits included).
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        document = cdp.send("DOM.getDocument", {"depth": -1})
        for selector in ("div.body h1", "div.body p", "div.sphinxsidebar h1.logo a", "#searchbox input[type=submit]"):
            node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
            if not node["nodeId"]:
                continue
            used = {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]}
            allowed = NOTO_FAMILIES | ({"Noto Sans CJK SC", "Noto Sans CJK JP"} if language == "zh_CN" else set())
            assert used and used <= allowed, (language, selector, used)
        if language in SEGMENTED:  # no slanted fake italics in scripts that have no italic design
            styles = page.evaluate("() => [...document.querySelectorAll('div.body em:not([lang=en])')].map(e => getComputedStyle(e).fontStyle)")
            assert set(styles) <= {"normal"}, (language, styles)
            ratio = page.evaluate("""() => { const p = document.querySelector('div.body p'); const s = getComputedStyle(p);
                return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }""")
            assert abs(ratio - 1.9) < 0.01, (language, ratio)


def test_a_statement_first_view_weighs_at_most_400_kb(site, server, browser, capsys):  # noqa: F811
    weights = {}
    for language in LANGUAGES:
        statements = [doc for doc in site.published_docs(language) if doc.startswith("statement-")]
        if not statements:
            continue
        page = open_page(browser, f"{server.url}html/{language}/{statements[0]}.html", 390)
        total = page.evaluate("""() => performance.getEntries()
            .filter(e => e.entryType === 'navigation' || e.entryType === 'resource')
            .reduce((sum, e) => sum + e.encodedBodySize, 0)""")
        fonts = page.evaluate("() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.woff2')).map(e => e.name.split('/').pop())")
        page.context.close()
        weights[language] = (total, fonts)
    with capsys.disabled():
        print("\nfirst view of a statement (HTML, CSS, JS, fonts):",
              ", ".join(f"{code} {size / 1024:.0f} KB" for code, (size, _) in weights.items()))
    assert len(weights) >= 6
    for language, (size, fonts) in weights.items():
        assert fonts or language == "zh_CN", f"{language}: the page must load its WOFF2 fonts"
        if language != "zh_CN":
            assert size <= PAGE_BUDGET, f"{language}: {size / 1024:.0f} KB ({fonts})"


# Text of a control that does not fit its box: a span with the control's font, measured.
CLIPPED_JS = r"""
() => [...document.querySelectorAll('input[type=submit], button, input[type=button]')].filter(e => e.offsetParent).map(e => {
  const s = getComputedStyle(e), probe = document.createElement('span');
  probe.textContent = e.value || e.textContent; probe.style.font = s.font; probe.style.whiteSpace = 'pre';
  probe.style.letterSpacing = s.letterSpacing; document.body.appendChild(probe);
  const need = probe.getBoundingClientRect().width; probe.remove();
  const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return need > room + 0.5 ? `${e.value || e.textContent}: needs ${need.toFixed(1)} px, has ${room.toFixed(1)}` : null;
}).filter(Boolean)
"""


def test_on_a_phone_no_page_scrolls_sideways_and_no_control_is_clipped(site, server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems, seen = [], 0
    landing = sorted(p.name for p in (site.root / "_build").glob("index*.html"))
    for language in LANGUAGES:
        for path in [*site_pages(site, language), *(name for name in landing if language == "en")]:
            page.goto(server.url + path, wait_until="load")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 390:
                problems.append(f"{path}: {width} px wide")
            problems += [f"{path}: {clip}" for clip in page.evaluate(CLIPPED_JS)]
            seen += 1
    context.close()
    assert seen > 60
    assert not problems, "\n".join(problems[:30])


def test_chrome_words_are_in_the_readers_language(site):  # noqa: F811
    for language in LANGUAGES[1:]:
        for path in site_pages(site, language):
            text = (site.root / "_build" / path).read_text(encoding="utf-8")
            for english in ("Powered by", "Page source", 'aria-label="Main"', 'aria-label="Related"'):
                assert english not in text, (path, english)


def test_a_link_to_a_page_not_published_in_the_language_shows_its_english_title(site):  # noqa: F811
    found = 0
    for language in LANGUAGES[1:]:
        for path in site_pages(site, language):
            text = (site.root / "_build" / path).read_text(encoding="utf-8")
            for link in re.findall(r'<a class="reference external" href="(?:\.\./)+en/([^"#]+)\.html[^"]*"[^>]*>(.*?)</a>', text, re.S):
                doc, shown = link
                if "std-term" in shown:
                    continue
                assert doc not in shown.split(">")[-1], (path, shown)  # never the slug
                assert re.search(r'<span lang="en">[^<]{10,}', shown) and 'class="mmn-in-english"' in shown, (path, shown)
                found += 1
    assert found, "the bundled sites link some English-only page"


def test_burmese_pages_write_numbers_of_the_chrome_in_myanmar_digits(site):  # noqa: F811
    for doc in site.published_docs("my"):
        text = site.page("my", doc)
        for chrome in re.findall(r'<p class="mmn-date">(.*?)</p>|<div class="footer"[^>]*>(.*?)</div>', text, re.S):
            shown = re.sub(r"<[^>]+>", "", "".join(chrome))
            assert not re.search(r"[0-9]", shown) and re.search("[၀-၉]", shown), (doc, shown)


def test_word_marks_change_no_text_and_touch_no_markup():
    page = ('<p title="ၵၢၼ်ၶၢမ်ႈ">ၵၢၼ်ၶၢမ်ႈ &quot;တူဝ်ၵူၼ်း&amp;&#4096;&quot; <a href="#x">ၶိူဝ်းမိူင်း</a>'
            '<span lang="en">Shan</span><script>var s = "ၵၢၼ်ၶၢမ်ႈ";</script></p>')
    marked = mark_line_breaks(page, "shn")
    assert re.sub(r"</?span[^>]*>|<wbr>", "", marked) == re.sub(r"</?span[^>]*>", "", page)
    assert 'title="ၵၢၼ်ၶၢမ်ႈ"' in marked and 'var s = "ၵၢၼ်ၶၢမ်ႈ";' in marked and "&quot;" in marked
    assert '<span class="mmn-w">ၶိူဝ်း</span><wbr><span class="mmn-w">မိူင်း</span>' in marked
    assert mark_line_breaks("<p>Migrants 2015</p>", "my") == "<p>Migrants 2015</p>"
    assert unmark_line_breaks(marked) == page


def _node_tool(name: str) -> str:
    path = NODE_TOOLS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run bash scripts/setup.sh (npm ci in tests/node)")
    return str(path)


def test_landing_pages_are_valid_html(site):  # noqa: F811
    pages = sorted((site.root / "_build").glob("index*.html"))
    assert len(pages) == len(LANGUAGES)
    config = site.root / "htmlvalidate.json"
    config.write_text(json.dumps({"extends": ["html-validate:standard"]}), encoding="utf-8")
    result = subprocess.run(["node", _node_tool(".bin/html-validate"), "--config", str(config), *map(str, pages)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_landing_pages_pass_axe_with_no_serious_finding(site, server, browser):  # noqa: F811
    axe = (NODE_TOOLS / "axe-core" / "axe.min.js")
    if not axe.exists():
        pytest.fail("axe-core is missing: run bash scripts/setup.sh")
    source = axe.read_text(encoding="utf-8")
    findings = []
    pages = sorted(p.name for p in (site.root / "_build").glob("index*.html"))
    statements = [f"html/{code}/{doc}.html" for code in ("my", "shn", "km") for doc in site.published_docs(code)
                  if doc.startswith("statement-")][:3]  # the site pages themselves, on a phone
    # Every landing page as a phone shows it (cards), the English one and the site pages at 1280 px too.
    for width, names in ((390, pages + statements), (1280, ["index.html", *statements[:1]])):
        for name in names:
            page = open_page(browser, server.url + name, width)
            page.add_script_tag(content=source)
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            page.context.close()
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    findings.append(f"{name} @{width}: {violation['id']} ({violation['impact']}): "
                                    f"{violation['nodes'][0]['html'][:120]}")
    assert not findings, "\n".join(findings)


def test_build_of_one_language_links_only_sites_that_exist(tmp_path):
    root = copy_project(tmp_path / "project")
    result = CliRunner().invoke(cli, ["--project", str(root), "build", "--lang", "lo"], obj={}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    build = root / "_build"
    assert not (build / "html" / "my").exists()
    written = sorted(p.name for p in build.glob("index*.html"))
    assert written == ["index.html", "index.lo.html"], written
    for landing in written:
        text = (build / landing).read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+)', text):
            assert (build / href).exists(), (landing, href)
        assert f'hreflang="{get_language("lo").html_lang}"' in text
        assert 'hreflang="my"' not in text


def test_every_site_word_is_translated_in_all_seven_languages():
    from mmn_i18n.gettext.catalogs import read_catalog
    from mmn_i18n.publishing.site.site_text import LOCALE_DIR, site_catalog_path

    wanted = {entry.msgid for entry in read_catalog(LOCALE_DIR / "site.pot") if entry.msgid}
    assert len(wanted) >= 20
    for language in LANGUAGES[1:]:
        done = {entry.msgid for entry in read_catalog(site_catalog_path(language))
                if entry.msgstr and not entry.fuzzy and not entry.obsolete}
        assert wanted <= done, (language, sorted(wanted - done))
