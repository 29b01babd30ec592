"""Turn a Sphinx page into the HTML WeasyPrint prints: break hints in the text, links that work in a PDF.

Pango, which lays out WeasyPrint's lines, finds no line-break opportunity
in Lao, Khmer, Burmese or Shan, so a paragraph in those scripts would run
off the page. Here every text node gets a U+200B wherever the segmenter
allows a break. The hints go into the printed copy only, never into the
catalogs or the HTML site. A block's text is segmented as a whole, so words
that cross inline markup (<strong>, <a>) are still seen as one word.

Then each piece of text is dressed for print (`_dress`): e-mail addresses,
phone numbers and web addresses become unbreakable spans, runs of Khmer and
Myanmar script get a span the stylesheet sizes up to match the Latin text
beside them, and in Chinese the last two characters of a block are glued
so that no line ends a paragraph with one character alone.
"""
from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ...gettext.checks.text import EMAIL, PHONE, URL, trim_url
from ...segment import ZWSP, insert_break_hints

# Elements that do not end a run of text; every other tag does.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW_TEXT = frozenset({"script", "style", "title"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Sphinx's classes on spans that the print stylesheet gives no style.
PRESENTATIONAL_CLASSES = frozenset({"colon", "xref", "std", "std-term", "std-ref", "std-doc", "doc"})

# Text that must never be cut by a line break (the quality checks' own patterns).
UNBREAKABLE = re.compile(f"{EMAIL.pattern}|{URL.pattern}|{PHONE.pattern}")
# Runs of a script the stylesheet sizes per script (class mmn-<script>),
# spaces and break hints between its words included.
_SCRIPT_RUNS = {
    "khmr": "\u1780-\u17ff\u19e0-\u19ff",
    "mymr": "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f",
}
# The run takes the spaces after it: a text box that starts with a space
# right after a box with /ActualText makes pdfium (Chrome's viewer) copy
# that ActualText a second time (measured on "ឆ្នាំ 2015").
SCRIPT_RUN = re.compile("|".join(
    f"(?P<{name}>[{chars}]+(?:[ \\u00a0{ZWSP}\\u200c\\u200d]+[{chars}]+)*[ \\u00a0]*)"
    for name, chars in _SCRIPT_RUNS.items()))
# An element whose whole content is one script run (or one span with a
# language) wears the run's class (the language) itself instead of holding
# a span (see hoist_script_spans); a colon after
# the run (a field's name) goes with it. Only elements whose size and
# spacing the stylesheet never ties to their own font size or class.
HOIST_TAGS = frozenset({"p", "dt", "dd", "li", "td", "th", "a", "em", "strong", "b", "i", "cite", "dfn", "span"})
_KEEPS_ITS_SIZE = frozenset({"literal", "pre", "mmn-nobreak", "mmn-letterhead-name", "mmn-letterhead-contacts", "mmn-part"})
SOLE_SPAN = re.compile(r'<span(?: lang="([^"]*)")?(?: class="(mmn-(?:khmr|mymr))")?(?<!<span)>([^<]*)</span>([:\s]*)')
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
WORD_JOINER = "\u2060"  # forbids a line break where it stands (UAX #14 class WJ)


def segmentation_language(html_lang: str) -> str:
    """The segmenter's code for an HTML lang value ("zh-CN" -> "zh_CN")."""
    return html_lang.replace("-", "_")


class _PrintCopy(HTMLParser):
    def __init__(self, page_name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_name = page_name  # e.g. "statement.html", to keep links inside the page
        self.out: list[str] = []
        # Open elements: (tag, lang, class, written, where its start tag is in out).
        self.stack: list[tuple[str, str, str, bool, int]] = []
        self.pending: list[tuple[str, str]] = []  # text of the current block: (text, lang)
        self.pending_slots: list[int] = []  # where in out each pending text goes
        self.local_files: list[str] = []  # images the page pulls in
        # The open heading: where its start tag is in out, its attributes and
        # its words without hints, which become its bookmark label (WeasyPrint
        # would otherwise copy the hints into the PDF outline).
        self.heading: tuple[int, str, list] | None = None
        self.heading_text: list[str] = []
        self.unwrapped_in: int | None = None  # the cell whose first <p> was left out
        # Written elements that may take a script class: (start tag slot, end tag slot), inner first.
        self.closed: list[tuple[int, int]] = []
        # Elements written as another tag: start tag slot -> (tag written, what follows its end tag).
        self.end_tags: dict[int, tuple[str, str]] = {}
        self.open_field: int | None = None  # a field list's field whose value is still to come
        self.field_values: set[int] = set()  # unwritten field values, <dd>s (their stack slot)

    # -- text ---------------------------------------------------------------
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def in_headerlink(self) -> bool:
        """Inside Sphinx's "¶" permalink, which the print stylesheet hides."""
        return any(tag == "a" and "headerlink" in classes.split() for tag, _, classes, _, _ in self.stack)

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in RAW_TEXT:
            self.flush()
            self.out.append(data if self.stack[-1][0] != "title" else html.escape(data, quote=False))
            return
        if self.in_headerlink():
            return  # not printed: left out of the copy altogether
        if self.heading:
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
            chunks = _hint_chunks([text for text, _ in self.pending[start:end]], lang)
            if lang.startswith("zh") and end == len(self.pending):
                chunks = _glue_last_characters(chunks)
            for slot, chunk in zip(self.pending_slots[start:end], chunks):
                self.out[slot] = _dress(chunk)
            start = end
        self.pending, self.pending_slots = [], []

    # -- markup -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.flush()
        attrs = self.fix_attributes(tag, attrs)
        if tag in HEADINGS:
            self.heading, self.heading_text = (len(self.out), tag, attrs), []
        written = not self.unwrapped(tag, attrs)
        if written:
            tag_written = self.field_list_part(tag, attrs)
            written = tag_written is not None
            if written:
                self.out.append(_start_tag(tag_written, attrs))
            else:
                self.field_values.add(len(self.out))  # its field's </div> comes with its end
        if tag not in VOID:
            lang = dict(attrs).get("lang") or self.lang()
            self.stack.append((tag, lang or "", dict(attrs).get("class") or "", written, len(self.out)))

    def field_list_part(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        """The tag a field list's part is written as: one block per field, its name in bold.

        Docutils writes a field list ("Example: ...", "Related terms: ...")
        as <dl><dt>name</dt><dd>value</dd>...</dl>, which the stylesheet
        printed one field a line with the whole list as one paragraph of
        inline boxes and forced breaks: WeasyPrint lays out every line of
        it again through all its boxes (the vocabulary index has 280 such
        lists). Here a field is a block of its own, <div class="mmn-field">
        holding <b>name:</b> and the value (None: the <dd> is not written; a
        value with its own language keeps it on a <span>), which prints the same.
        A value in English on a translated page marks its field (the line in
        the margin).
        """
        parent = self.stack[-1] if self.stack else None
        in_field_list = parent is not None and parent[0] == "dl" and "field-list" in parent[2].split()
        if tag == "dl" and "field-list" in (dict(attrs).get("class") or "").split():
            self.end_tags[len(self.out)] = ("div", "")
            return "div"
        if not in_field_list or tag not in ("dt", "dd"):
            return tag
        if tag == "dt" or self.open_field is None:
            self.out.append('<div class="mmn-field">')
            self.open_field = len(self.out) - 1
        lang = dict(attrs).get("lang") or ""
        if tag == "dd" and lang.lower().startswith("en"):
            self.out[self.open_field] = '<div class="mmn-field mmn-field-en">'
        self.open_field = None if tag == "dd" else self.open_field
        if tag == "dt":
            self.end_tags[len(self.out)] = ("b", " ")
            return "b"
        if not lang:
            return None  # the value's words go straight into the field's block
        self.end_tags[len(self.out)] = ("span", "</div>")
        return "span"

    def unwrapped(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Elements the printed page does without (their text is kept, except a permalink's).

        Every element costs WeasyPrint time (its style, its boxes, its tag in
        the structure tree): the vocabulary index has 4,000 of them, and
        these make a third. A permalink ("¶") is hidden in print anyway; a
        span that only carries Sphinx's classes ("colon", "xref std
        std-term") changes nothing printed; a bare <p> in a table cell or a
        field of a field list adds nothing but a box (the stylesheet gives
        it no margin there); the vocabulary table has a thousand.
        """
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if tag == "a" and "headerlink" in classes or self.in_headerlink():
            return True
        if tag == "a" and not {"href", "id", "name"} & set(values):
            return True  # a link to another page, dropped by print_link: nothing left to it
        if tag == "span" and (not attrs or set(values) == {"class"} and classes <= PRESENTATIONAL_CLASSES):
            return True  # also docutils' bare spans around "@" and "." of an e-mail address
        if tag == "p" and not attrs and self.stack:
            parent, _, parent_classes, _, parent_slot = self.stack[-1]
            if parent in ("td", "th") or parent == "dd" and any(
                    c.startswith("field-") for c in parent_classes.split()):
                # Only the cell's first paragraph: a second one stays a block of its own.
                first = self.unwrapped_in != parent_slot
                self.unwrapped_in = parent_slot
                return first
        return False

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
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                if tag == "dd" and self.stack[index][4] in self.field_values:
                    self.field_values.discard(self.stack[index][4])
                    self.out.append("</div>")
                if self.stack[index][3]:
                    start = self.stack[index][4] - 1
                    written_as, after = self.end_tags.pop(start, (tag, ""))
                    if written_as in HOIST_TAGS and index == len(self.stack) - 1:
                        self.closed.append((start, len(self.out)))
                    self.out.append(f"</{written_as}>")
                    if after:
                        self.out.append(after)
                del self.stack[index:]
                break
        else:
            self.out.append(f"</{tag}>")

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
        href = dict(attrs).get("href") or ""
        if href.startswith("mailto:"):
            # The address is cut into several text nodes by docutils: the link keeps it whole.
            classes = " ".join(filter(None, [dict(attrs).get("class"), "mmn-nobreak"]))
            attrs = [(name, value) for name, value in attrs if name != "class"] + [("class", classes)]
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
        self.hoist_script_spans()

    def hoist_script_spans(self) -> None:
        """Give an element that holds nothing but one span that span's class and language, without the span.

        `<dd><span class="mmn-khmr">…</span></dd>` prints as `<dd class="mmn-khmr">…</dd>`
        does (the size is the run's either way), and `<td><span lang="th">…</span></td>`
        as `<td lang="th">…</td>` (the cell's line height is the span's
        either way), with one element less for WeasyPrint to style, lay out
        and tag: in the Khmer vocabulary index, 1,800 of its 2,000 spans; in
        the vocabulary table, 850 of its 2,400 elements. Inner elements close
        first, so a link inside a field takes the class and the field keeps
        its link. English stays on its span: a block marked English on a
        translated page is one awaiting its translation (the margin line).
        """
        for start, end in self.closed:
            match = SOLE_SPAN.fullmatch("".join(self.out[start + 1:end]))
            if not match:
                continue
            lang, script, text, after = match.groups()
            tag = self.out[start]
            if lang is not None and (lang.lower().startswith("en") or ' lang="' in tag):
                continue
            classes = re.search(r' class="([^"]*)"', tag)
            if script and classes and _KEEPS_ITS_SIZE & set(html.unescape(classes.group(1)).split()):
                continue
            if script and classes:
                tag = tag.replace(classes.group(0), f' class="{script} {classes.group(1)}"', 1)
            elif script:
                tag = tag[:-1] + f' class="{script}">'
            if lang is not None:
                tag = tag[:-1] + f' lang="{lang}">'
            self.out[start] = tag
            self.out[start + 1:end] = [text + after] + [""] * (end - start - 2)


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], close: bool = False) -> str:
    rendered = "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs
    )
    return f"<{tag}{rendered}{' /' if close else ''}>"


def _dress(text: str) -> str:
    """Escaped text with its unbreakable tokens and per-script runs wrapped in spans."""
    out, last = [], 0
    for match in UNBREAKABLE.finditer(text):
        token = trim_url(match.group())  # a sentence's full stop is not part of the address
        out.append(_script_spans(text[last:match.start()]))
        out.append(f'<span class="mmn-nobreak">{html.escape(token, quote=False)}</span>')
        last = match.start() + len(token)
    out.append(_script_spans(text[last:]))
    return "".join(out)


def _script_spans(text: str) -> str:
    out, last = [], 0
    for match in SCRIPT_RUN.finditer(text):
        out.append(html.escape(text[last:match.start()], quote=False))
        out.append(f'<span class="mmn-{match.lastgroup}">{html.escape(match.group(), quote=False)}</span>')
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _glue_last_characters(chunks: list[str]) -> list[str]:
    """Join the block's last two Han characters with a WORD JOINER (no one-character last line)."""
    for index in range(len(chunks) - 1, -1, -1):
        positions = [m.start() for m in HAN.finditer(chunks[index])]
        if len(positions) >= 2 and positions[-1] == positions[-2] + 1:
            at = positions[-1]
            chunks = list(chunks)
            chunks[index] = chunks[index][:at] + WORD_JOINER + chunks[index][at:]
            return chunks
        if positions:
            return chunks  # the last Han character is not preceded by another one in this chunk
    return chunks


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
