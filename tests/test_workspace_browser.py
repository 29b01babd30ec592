"""The workspace driven through Debian's Chromium (playwright with executable_path; never `playwright install`)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mmn_i18n.gettext.catalogs import read_catalog
from workspace_helpers import PASSWORDS, root, server  # noqa: F401  (module fixtures)

KM = "locale/km/LC_MESSAGES"


class Session:
    """One translator's page, with every request it made and every script error it met."""

    def __init__(self, browser, server, name: str, width: int = 1280) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.base = f"http://127.0.0.1:{server.port}"
        self.page.goto(self.base + "/")
        self.page.fill("#login-name", name)
        self.page.fill("#login-password", PASSWORDS[name])
        self.page.press("#login-password", "Enter")
        self.page.wait_for_selector("#editor:not([hidden])")

    def pick(self, document: str, state: str = "") -> None:
        self.page.select_option("#document", document)
        self.page.select_option("#state", state)
        self.page.wait_for_function("(n) => document.querySelector('#doc-status').textContent.includes('entries shown')"
                                    " && document.querySelectorAll('#entries li').length > 0", arg=None)
        self.page.wait_for_timeout(300)

    def open(self, msgid_start: str) -> None:
        self.page.locator("#entries li", has_text=msgid_start).first.click()
        self.page.wait_for_function("(t) => document.querySelector('#e-english').textContent.startsWith(t)", arg=msgid_start)

    @property
    def box(self):
        return self.page.locator("#e-forms textarea").first

    def close(self) -> None:
        assert not self.errors, self.errors
        self.context.close()


def msgstr_on_disk(root: Path, document: str, msgid: str) -> str:
    return next(e.msgstr for e in read_catalog(root / KM / f"{document}.po") if e.msgid == msgid)


def test_log_in_filter_type_with_live_findings_and_preview_then_save(browser, server, root):
    s = Session(browser, server, "Sokha")
    s.pick("press-release-women-health", "untranslated")
    items = s.page.locator("#entries li")
    assert all("untranslated" in text for text in items.all_inner_texts())
    s.open("+95 9 450 068 153")
    assert s.box.get_attribute("lang") == "km"
    assert "Khmer" in s.box.evaluate("box => getComputedStyle(box).fontFamily")
    s.box.fill("")
    s.box.type("ទូរស័ព្ទ **លេខ**", delay=5)
    s.page.wait_for_function("() => document.querySelector('#e-findings').textContent.includes('[links]')")
    s.page.wait_for_selector("#e-preview strong")
    assert s.page.locator("#e-preview strong").inner_text() == "លេខ"
    assert s.page.locator("#e-preview .mmn-preview").get_attribute("lang") == "km"
    s.box.fill("+95 9 450 068 153")
    s.page.wait_for_function("() => !document.querySelector('#e-findings').textContent.includes('[links]')")
    s.page.keyboard.press("Control+Enter")
    s.page.wait_for_function("() => document.querySelector('#e-message').textContent.startsWith('Saved')")
    assert msgstr_on_disk(root, "press-release-women-health", "+95 9 450 068 153") == "+95 9 450 068 153"
    # save-and-next moved on; the saved entry shows its new state
    assert not s.page.locator("#e-english").inner_text().startswith("+95 9 450 068 153")
    s.close()


def test_take_a_suggestion_copy_english_and_next_untranslated(browser, server, root):
    s = Session(browser, server, "Sokha")
    s.pick("about", "untranslated")
    s.open("Contact")
    s.page.wait_for_selector("#e-suggestions button.suggestion")
    suggestion = s.page.locator("#e-suggestions button.suggestion").first
    assert "100%" in suggestion.inner_text()
    suggestion.click()
    assert s.box.input_value() == "អ្នកទំនាក់ទំនង"
    s.page.keyboard.press("Alt+c")
    assert s.box.input_value() == "Contact"
    s.page.keyboard.press("Alt+n")
    assert not s.page.locator("#e-english").inner_text().startswith("Contact")
    assert "untranslated" in s.page.locator("#e-state").inner_text()
    s.close()


def test_a_conflict_shows_both_texts_and_overwrites_nothing(browser, server, root):
    first, second = Session(browser, server, "Sokha"), Session(browser, server, "Nang")
    for s in (first, second):
        s.pick("workshop-living-together", "untranslated")
    msgid = first.page.locator("#e-english").inner_text()
    second.open(msgid[:30])
    second.box.fill("អត្ថបទរបស់ណាង")
    second.page.click("#save")
    second.page.wait_for_function("() => document.querySelector('#e-message').textContent.startsWith('Saved')")
    first.box.fill("អត្ថបទរបស់សុខា")
    first.page.click("#save")
    first.page.wait_for_selector("#e-conflict:not([hidden])")
    assert first.page.locator("#e-conflict .theirs").inner_text() == "អត្ថបទរបស់ណាង"
    assert first.page.locator("#e-conflict .yours").inner_text() == "អត្ថបទរបស់សុខា"
    assert msgstr_on_disk(root, "workshop-living-together", msgid) == "អត្ថបទរបស់ណាង"
    first.page.click("#conflict-theirs")
    assert first.box.input_value() == "អត្ថបទរបស់ណាង"
    first.close()
    second.close()


def test_a_reviewer_approves(browser, server, root):
    s = Session(browser, server, "Nang")
    s.pick("invitation-yangon-fair-2015", "unreviewed")
    msgid = s.page.locator("#e-english").inner_text()
    s.page.click("#approve")
    s.page.wait_for_function("() => document.querySelector('#e-message').textContent === 'Approved.'")
    assert "reviewed by Nang" in s.page.locator("#e-state").inner_text()
    catalog = read_catalog(root / KM / "invitation-yangon-fair-2015.po")
    assert "mmn-reviewed: Nang" in next(e for e in catalog if e.msgid == msgid).tcomment
    s.close()
    translator = Session(browser, server, "Sokha")
    assert translator.page.locator("#approve").is_hidden()
    translator.close()


def test_a_reviewer_approves_entries_with_a_context_or_plural_forms(browser, server, root):
    from test_workspace_api import CONTEXT_AND_PLURAL_CATALOG
    from mmn_i18n.gettext.review import is_reviewed

    path = root / KM / "approve-in-browser.po"
    path.write_text(CONTEXT_AND_PLURAL_CATALOG, encoding="utf-8")
    s = Session(browser, server, "Nang")
    s.page.reload()  # the document list is read at login; this catalog is new
    s.page.wait_for_selector("#editor:not([hidden])")
    s.pick("approve-in-browser", "unreviewed")
    for english in ("{n} migrant worker", "Save"):
        s.open(english)
        s.page.click("#approve")
        s.page.wait_for_function("() => document.querySelector('#e-message').textContent === 'Approved.'")
        assert "reviewed by Nang" in s.page.locator("#e-state").inner_text()
    on_disk = {(e.msgctxt, e.msgid): is_reviewed(e) for e in read_catalog(path)}
    assert on_disk[(None, "{n} migrant worker")] and sum(on_disk.values()) == 2
    s.close()


def test_whole_page_preview_is_the_built_sites_page_with_the_edit_and_runs_no_script(browser, server, root):
    from mmn_i18n.project import load_project
    from mmn_i18n.publishing.html import build_language_html

    assert build_language_html(load_project(root), "km").ok
    s = Session(browser, server, "Sokha")
    s.pick("about", "")
    s.open("Members")
    s.box.fill("សមាជិក <b>ថ្មី</b> នៃបណ្ដាញ")
    s.page.click("#page-preview")
    frame = s.page.frame_locator("#page-frame")
    edited = frame.locator("#mmn-edited")
    edited.wait_for()
    assert s.page.locator("#page-kind").inner_text() == "The site's page"
    assert edited.inner_text() == "សមាជិក <b>ថ្មី</b> នៃបណ្ដាញ"  # the markup shown as text, escaped
    assert edited.locator("b").count() == 0 and edited.locator("span.mmn-w").count() >= 2  # the site's line breaks
    assert edited.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "km"
    assert edited.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Noto Sans Khmer"')
    assert frame.locator("div.sphinxsidebar").count() == 1  # the site's own page, its navigation included
    note = frame.locator(".mmn-preview-note").inner_text()
    assert "as built on" in note and re.search(r"Saved edits since that build applied: \d+; not placed on the page: \d+", note)
    assert frame.locator("script").count() == 0
    # a translation the build refuses is not shown at all; the reason is
    s.page.click("#page-close")
    s.box.fill('សមាជិក <script>window.top.__xss=1</script> `x <javascript:window.top.__xss=2>`_')
    s.page.click("#page-preview")
    s.page.wait_for_function("() => document.querySelector('#page-error').textContent.includes('build would refuse')")
    assert s.page.evaluate("() => window.__xss") is None
    hosts = {urlsplit(url).netloc for url in s.requests if not url.startswith(("data:", "about:"))}
    assert hosts == {f"127.0.0.1:{server.port}"}
    s.close()


def test_phone_width_first_load_size_and_no_other_host(browser, server, root):
    s = Session(browser, server, "Sokha", width=390)
    sizes = s.page.evaluate("""() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
        .map(e => [e.name, e.encodedBodySize])""")
    not_fonts = sum(size for url, size in sizes if not url.endswith((".ttf", ".woff2", ".otf")))
    assert 0 < not_fonts <= 200 * 1024, sizes
    s.pick("about", "untranslated")
    assert s.page.evaluate("() => document.documentElement.scrollWidth") <= 390
    box = s.box.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    s.box.fill("ទំនាក់ទំនង")
    s.page.click("#save")
    s.page.wait_for_function("() => document.querySelector('#e-message').textContent.startsWith('Saved')")
    hosts = {urlsplit(url).netloc for url in s.requests if not url.startswith("data:")}
    assert hosts == {f"127.0.0.1:{server.port}"}
    s.close()


def test_no_script_runs_from_a_comment_or_a_previewed_translation(browser, server, root):
    s = Session(browser, server, "Sokha")
    s.pick("about", "")
    s.page.click("#e-discussion summary")
    s.page.fill("#comment-text", '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>')
    s.page.click("#comment-add")
    s.page.wait_for_function("() => document.querySelector('#e-comments').textContent.includes('onerror')")
    assert s.page.locator("#e-comments img").count() == 0
    s.box.fill('<img src=x onerror="window.__xss=3"> `x <javascript:window.__xss=4>`_')
    s.page.wait_for_function("() => document.querySelector('#e-preview').textContent.includes('build would refuse')")
    assert s.page.locator("#e-preview img").count() == 0
    s.box.fill('<b onclick=1>ក</b> <i>ខ</i>')
    s.page.wait_for_timeout(800)
    s.page.reload()
    s.page.wait_for_selector("#editor:not([hidden])")
    assert s.page.evaluate("() => window.__xss") is None
    s.close()


def test_zawgyi_paste_is_detected_and_converted_in_one_click(browser, server, root):
    s = Session(browser, server, "Aung")
    s.pick("summary-cambodian-exodus-2014", "untranslated")
    assert s.box.get_attribute("lang") == "my"
    s.box.fill("ျမန္မာႏိုင္ငံသို႔ ျပန္လာေသာ အလုပ္သမားမ်ား")  # Zawgyi, as old phones type it
    s.box.dispatch_event("paste")
    s.page.wait_for_selector("#e-zawgyi:not([hidden])")
    s.page.click("#zawgyi-convert")
    assert s.box.input_value().startswith("မြန်မာနိုင်ငံ")
    assert s.page.locator("#e-zawgyi").is_hidden()
    s.close()


def test_a_fuzzy_entry_shows_the_previous_english_as_a_word_diff_and_its_vocabulary(browser, server, root):
    s = Session(browser, server, "Nang")
    s.pick("vocabulary/index", "fuzzy")
    s.page.fill("#search", "temporary shelter")
    s.page.wait_for_function("() => document.querySelectorAll('#entries li').length === 1"
                             " && document.querySelector('#e-english').textContent === 'temporary shelter'")
    diff = s.page.locator("#e-previous .diff")
    s.page.wait_for_selector("#e-previous:not([hidden])")
    assert diff.locator("del").all_inner_texts() == ["passport"]
    assert diff.locator("ins").all_inner_texts() == ["shelter"]
    assert s.page.locator("#e-fuzzy").is_checked()
    # the panel is filled after the entry is shown (its own request): wait for this entry's terms
    s.page.wait_for_function("() => !document.querySelector('#e-terms').hidden"
                             " && document.querySelector('#e-terms').innerText.includes('temporary shelter')")
    s.close()
