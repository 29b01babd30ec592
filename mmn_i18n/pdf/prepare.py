"""Turn a Sphinx page into the HTML WeasyPrint prints: break hints in the text, links that work in a PDF.

Pango, which lays out WeasyPrint's lines, finds no line-break opportunity
in Lao, Khmer, Burmese or Shan, so a paragraph in those scripts would run
off the page. Here every text node gets a U+200B wherever the segmenter
allows a break. The hints go into the printed copy only, never into the
catalogs or the HTML site. A block's text is segmented as a whole, so words
that cross inline markup (<strong>, <a>) are still seen as one word.
"""
from __future__ import annotations

import html
import posixpath
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ..segment import insert_break_hints

# Elements that do not end a run of text; every other tag does.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW_TEXT = frozenset({"script", "style", "title"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def segmentation_language(html_lang: str) -> str:
    """The segmenter's code for an HTML lang value ("zh-CN" -> "zh_CN")."""
    return html_lang.replace("-", "_")


class _PrintCopy(HTMLParser):
    def __init__(self, page_name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_name = page_name  # e.g. "statement.html", to keep links inside the page
        self.out: list[str] = []
        self.stack: list[tuple[str, str, str]] = []  # (tag, lang, class) of open elements
        self.pending: list[tuple[str, str]] = []  # text of the current block: (text, lang)
        self.pending_slots: list[int] = []  # where in out each pending text goes
        self.local_files: list[str] = []  # images the page pulls in
        # The open heading: where its start tag is in out, its attributes and
        # its words without hints, which become its bookmark label (WeasyPrint
        # would otherwise copy the hints into the PDF outline).
        self.heading: tuple[int, str, list] | None = None
        self.heading_text: list[str] = []

    # -- text ---------------------------------------------------------------
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def in_headerlink(self) -> bool:
        """Inside Sphinx's "¶" permalink, which the print stylesheet hides."""
        return any(tag == "a" and "headerlink" in classes.split() for tag, _, classes in self.stack)

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in RAW_TEXT:
            self.flush()
            self.out.append(data if self.stack[-1][0] != "title" else html.escape(data, quote=False))
            return
        if self.heading and not self.in_headerlink():
            self.heading_text.append(data)
        self.pending.append((data, self.lang()))
        self.out.append("")  # placeholder, filled by flush()
        self.pending_slots.append(len(self.out) - 1)

    def flush(self) -> None:
        """Segment the block's text run by run of one language and write it out."""
        start = 0
        while start < len(self.pending):
            lang = self.pending[start][1]
            end = start
            while end < len(self.pending) and self.pending[end][1] == lang:
                end += 1
            chunks = [text for text, _ in self.pending[start:end]]
            for slot, chunk in zip(self.pending_slots[start:end], _hint_chunks(chunks, lang)):
                self.out[slot] = html.escape(chunk, quote=False)
            start = end
        self.pending, self.pending_slots = [], []

    # -- markup -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.flush()
        attrs = self.fix_attributes(tag, attrs)
        if tag in HEADINGS:
            self.heading, self.heading_text = (len(self.out), tag, attrs), []
        self.out.append(_start_tag(tag, attrs))
        if tag not in VOID:
            lang = dict(attrs).get("lang") or self.lang()
            self.stack.append((tag, lang or "", dict(attrs).get("class") or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.flush()
        self.out.append(_start_tag(tag, self.fix_attributes(tag, attrs), close=True))

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.flush()
        if self.heading and tag == self.heading[1]:
            slot, name, attrs = self.heading
            label = " ".join("".join(self.heading_text).split())
            self.out[slot] = _start_tag(name, [*attrs, ("data-bookmark", label)])
            self.heading = None
        self.out.append(f"</{tag}>")
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_comment(self, data: str) -> None:
        pass  # comments carry nothing a reader needs

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def fix_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if src and not urlsplit(src).scheme:
                self.local_files.append(src)
        if tag != "a":
            return attrs
        fixed = []
        for name, value in attrs:
            if name == "href" and value:
                value = self.print_link(value)
                if value is None:
                    continue
            fixed.append((name, value))
        return fixed

    def print_link(self, href: str) -> str | None:
        """Keep web links and links inside this page; drop links to other pages of the site.

        Another page's file does not exist next to the PDF, so such a link
        would lead nowhere; the words stay, without the link.
        """
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        if not parts.path:
            return href  # "#anchor" inside this page
        if posixpath.basename(parts.path) == self.page_name and parts.fragment:
            return f"#{parts.fragment}"
        return None

    def close(self) -> None:
        super().close()
        self.flush()


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], close: bool = False) -> str:
    rendered = "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs
    )
    return f"<{tag}{rendered}{' /' if close else ''}>"


def _hint_chunks(chunks: list[str], html_lang: str) -> list[str]:
    """Insert break hints into the joined text and cut it back into the same chunks."""
    joined = "".join(chunks)
    hinted = insert_break_hints(joined, segmentation_language(html_lang))
    if hinted == joined:
        return chunks
    # Where, in the joined text, each inserted U+200B goes.
    inserted, original_index, hinted_index = [], 0, 0
    while hinted_index < len(hinted):
        if original_index < len(joined) and hinted[hinted_index] == joined[original_index]:
            original_index += 1
        else:
            inserted.append(original_index)
        hinted_index += 1
    result, start, cursor = [], 0, 0
    for chunk in chunks:
        end = start + len(chunk)
        pieces, last = [], start
        while cursor < len(inserted) and inserted[cursor] < end:
            position = inserted[cursor]
            pieces.append(joined[last:position])
            last = position
            cursor += 1
        pieces.append(joined[last:end])
        result.append("\u200b".join(pieces))
        start = end
    return result


def print_copy(page_html: str, page_name: str) -> tuple[str, list[str]]:
    """The page ready for WeasyPrint, and the local files (images) it refers to."""
    parser = _PrintCopy(page_name)
    parser.feed(page_html)
    parser.close()
    return "".join(parser.out), parser.local_files
