"""Cut a long bare page into parts, each printed as a PDF of its own, between entries only.

WeasyPrint's time grows with the number of entries on a page (measured on
the Khmer vocabulary index, 138 terms: 2.4 s CPU whole, 1.25 s in two parts,
0.8-0.94 s in three), and a PDF must print in at most 1.5 s. A page is cut
only where it is a list of entries we know the shape of:

* the glossary (`<dl class="glossary">`): between one term's block
  (its <dt>s and its <dd>) and the next, never inside a block;
* the eight-language table (`mmn-vocabulary-table`): between rows of its
  body; every part keeps the table's header row.

Every part keeps what comes before the first entry (the title, the
introduction, the table's header) and what comes after the last, so each
part reads as the document. Links to a term printed in another part lose
their link (the words stay): the anchor is not in that PDF.
"""
from __future__ import annotations

import math
import re

# Entries per part. Burmese and Shan print slowest, about 21 ms of CPU per
# glossary term and 13 ms per table row (benchmarks/pdf_vocabulary.py), plus
# about 0.1 s for the page itself; these budgets keep each part near 1.1 s
# with room under the 1.5 s limit for a slower machine or a longer term.
GLOSSARY_TERMS_PER_PART = 50
TABLE_ROWS_PER_PART = 70

_DL = re.compile(r"<(/?)dl\b[^>]*>")
_TOP_DT = re.compile(r"<dt\b")
_GLOSSARY = re.compile(r'<dl class="glossary[" ]')
_TABLE = re.compile(r'<table class="mmn-vocabulary-table[" ]')
_ROW = re.compile(r"<tr\b.*?</tr>\s*", re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_LOCAL_LINK = re.compile(r'\shref="#([^"]+)"')


def _glossary_entries(page: str) -> tuple[int, list[tuple[int, int]]] | None:
    """(where the glossary's entries start, [(start, end) of each term's block]), or None."""
    opening = _GLOSSARY.search(page)
    if not opening or len(_GLOSSARY.findall(page)) != 1:
        return None
    body_start = page.index(">", opening.start()) + 1
    depth, entries, block_start, last_close = 1, [], None, body_start
    for match in _DL.finditer(page, body_start):
        # Top-level <dt>s between the previous nested <dl> tag and this one.
        if depth == 1:
            for dt in _TOP_DT.finditer(page, last_close, match.start()):
                if block_start is None:
                    block_start = dt.start()
                elif "</dd>" in page[block_start:dt.start()]:  # a new term's block begins
                    entries.append((block_start, _after_whitespace(page, page.rindex("</dd>", block_start, dt.start()) + 5)))
                    block_start = dt.start()
        depth += -1 if match.group(1) else 1
        last_close = match.end()
        if depth == 0:
            if block_start is not None:
                entries.append((block_start, _after_whitespace(page, page.rindex("</dd>", block_start, match.start()) + 5)))
            return body_start, entries
    return None


def _after_whitespace(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \n\t\r":
        at += 1
    return at


def _table_rows(page: str) -> list[tuple[int, int]] | None:
    opening = _TABLE.search(page)
    if not opening or len(_TABLE.findall(page)) != 1:
        return None
    start = page.find("<tbody>", opening.end())
    end = page.find("</tbody>", start)
    if start < 0 or end < 0:
        return None
    return [(row.start(), row.end()) for row in _ROW.finditer(page, start + len("<tbody>"), end)]


def _shares(count: int, budget: int) -> list[int]:
    """count entries in as few parts as the budget allows, as even as can be."""
    parts = max(1, math.ceil(count / budget))
    return [count // parts + (1 if index < count % parts else 0) for index in range(parts)]


def split_page(page: str) -> list[str]:
    """The page as the parts to print, in order; [page] when it is short or not a list of entries."""
    glossary = _glossary_entries(page)
    if glossary is not None and glossary[1]:
        entries, budget = glossary[1], GLOSSARY_TERMS_PER_PART
    else:
        entries, budget = _table_rows(page) or [], TABLE_ROWS_PER_PART
    if len(entries) <= budget:
        return [page]
    head, tail = page[:entries[0][0]], page[entries[-1][1]:]
    parts, first = [], 0
    for share in _shares(len(entries), budget):
        body = page[entries[first][0]:entries[first + share - 1][1]]
        parts.append(_without_dangling_links(head + body + tail))
        first += share
    return parts


def _without_dangling_links(part: str) -> str:
    """Drop the href of a link to an anchor this part does not hold (a term in another part)."""
    ids = set(_ID.findall(part))
    return _LOCAL_LINK.sub(lambda link: link.group(0) if link.group(1) in ids else "", part)
