"""Shared browser helpers: one headless Debian Chromium for the whole session, driven by playwright.

`browser` is a fixture of conftest.py (one per session: a second playwright in the same
process refuses to start); import the helpers below into a test module.
The built pages are served over HTTP (not file://) so fonts load the way
they load for a reader and the transferred bytes can be counted.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The brief's flags; playwright adds --headless and its own fresh --user-data-dir (a temporary
# profile per launch: it refuses one in args).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
WIDTHS = (390, 768, 1280)
NODE_TOOLS = Path(__file__).with_name("node") / "node_modules"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run bash scripts/setup.sh")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Server:
    """A static HTTP server on 127.0.0.1 over one folder."""

    def __init__(self, root: Path):
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def open_page(browser, url: str, width: int, height: int = 900):
    """A new page (own context, no cache) at the given viewport width, loaded with its fonts."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return page


# Where each visible line of a block's text starts: per block (nearest block-level
# ancestor), its text (its text nodes joined, as innerText would give it minus
# whitespace collapsing) and [offset, lang of its text] of the first character of
# every line but the first. A character begins a line when its box starts at or below the middle
# of the previous character's box.
LINE_STARTS_JS = r"""
() => {
  const isBlock = el => { const d = getComputedStyle(el).display; return !(d.startsWith('inline') || d === 'contents' || d === 'ruby'); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const groups = new Map();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, template')) continue;
    let block = parent;
    while (block !== document.body && !isBlock(block)) block = block.parentElement;
    if (!groups.has(block)) groups.set(block, []);
    groups.get(block).push(node);
  }
  const result = [];
  for (const [block, textNodes] of groups) {
    let text = '', starts = [], previous = null;
    for (const node of textNodes) {
      const owner = node.parentElement.closest('[lang]');
      const lang = owner ? owner.getAttribute('lang') : '';
      for (let i = 0; i < node.data.length; i++) {
        if (/\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box || (box.width === 0 && box.height === 0)) continue;
        if (previous && box.top >= (previous.top + previous.bottom) / 2 && box.left < previous.right)
          starts.push([text.length + i, lang]);
        previous = box;
      }
      text += node.data;
    }
    const langOf = block.closest('[lang]');
    result.push({tag: block.tagName.toLowerCase(), lang: langOf ? langOf.getAttribute('lang') : '', text, starts});
  }
  return result;
}
"""
