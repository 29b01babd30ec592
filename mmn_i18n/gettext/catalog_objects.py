"""polib's objects for a catalog laid out as msgcat writes it, built three times faster than polib.

read_catalog first checks a catalog strictly (mmn_i18n.gettext.coverage); then polib's
own parser, a line-by-line state machine, would cost three times as long as
the check. This builds the same POFile and POEntry objects (same attributes,
linenum included, polib's quirks included) directly, block by block, for the
layout the gettext tools write: a header entry first, entries separated by one
blank line, comments first, one keyword or string per line. Anything else
returns None and polib parses it (tests/test_catalog_reader.py compares the
two on every bundled catalog and on the benchmark tree).
"""
from __future__ import annotations

import codecs
import re

import polib

UNESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
# what polib would read differently from the block structure below
UNTIDY_COMMENT = re.compile(r"\n#(?:[^ \n,.:|~#]|[,.:|][^ \n]|~[^ \n|])")
UNTIDY_SPACE = ("\n ", "\n\t", " \n", "\t\n", "\n\n\n")
CHARSET = re.compile(r'"?Content-Type:.+? charset=([\w_\-:\.]+)')  # polib.detect_encoding's
KEYWORD = {"msgid": "msgid", "msgstr": "msgstr", "msgctxt": "msgctxt", "msgid_plural": "msgid_plural"}
PREVIOUS = {"msgid": "previous_msgid", "msgctxt": "previous_msgctxt", "msgid_plural": "previous_msgid_plural"}


def _unescape(text: str) -> str:
    return UNESCAPE.sub(lambda match: UNESCAPED[match.group(1)], text) if "\\" in text else text


class _Untidy(Exception):
    """A layout this builder leaves to polib."""


def _string(token: str) -> str:
    """The text of one quoted string token (already checked by the strict reader)."""
    body = token[1:-1]
    if '"' in body.replace('\\\\', "").replace('\\"', ""):
        raise _Untidy  # two strings on a line: polib refuses it, let it say so
    return _unescape(body)


def build_catalog(text: str, wrapwidth: int = 79) -> polib.POFile | None:
    """The POFile polib.pofile(text) would return, or None for a layout left to polib."""
    if (not text.startswith(("msgid", "#")) or any(space in text for space in UNTIDY_SPACE)
            or UNTIDY_COMMENT.search("\n" + text)):
        return None
    catalog = polib.POFile(wrapwidth=wrapwidth, encoding=_encoding(text))
    try:
        _fill(catalog, text)
    except _Untidy:
        return None
    return catalog


def _encoding(text: str) -> str:
    """What polib.detect_encoding says, looking at the header first (it searches the whole text)."""
    match = CHARSET.search(text, 0, 4096) or CHARSET.search(text)
    if match:
        try:
            codecs.lookup(match.group(1).strip())
            return match.group(1).strip()
        except LookupError:
            pass
    return polib.default_encoding


def _continue_string(entry: polib.POEntry, field: str | None, index: int, line: str) -> None:
    """Append a continuation line ("...") to the string the entry's last keyword opened."""
    if field is None:
        raise _Untidy
    if field == "msgstr_plural":
        entry.msgstr_plural[index] += _string(line)
    else:
        setattr(entry, field, getattr(entry, field) + _string(line))


def _fill(catalog: polib.POFile, text: str) -> None:
    number = 1  # the line a block starts at
    first = True
    header_lines: list[str] = []
    in_header_comments = True  # polib: translator comments before any other line are the file's
    for block in text.rstrip("\n").split("\n\n"):
        lines = block.split("\n")
        entry = polib.POEntry(linenum=0 if first else number)
        number += len(lines) + 1
        field = None  # the attribute a continuation string extends
        index = 0
        keywords = 0
        for line in lines:
            start = line[0]
            if start == '"':
                _continue_string(entry, field, index, line)
                continue
            if start == "#":
                marker = line[:2]
                if line in ("#:", "#,", "#."):
                    continue  # polib skips them
                if first and marker not in ("# ", "#", "##"):
                    in_header_comments = False
                if marker == "#~":
                    if line.startswith("#~|"):
                        continue  # polib skips an obsolete entry's previous msgid
                    line = line[3:].strip()
                    if not line:
                        raise _Untidy
                    if line[0] == '"':
                        _continue_string(entry, field, index, line)
                        continue
                    obsolete = 1
                    # fall through to the keyword below
                elif keywords:
                    raise _Untidy  # a comment after the keywords: polib starts a new entry
                elif marker == "#:":
                    for occurrence in line[3:].split():
                        place, _, row = occurrence.rpartition(":")
                        if not place or not row.isdigit():
                            place, row = occurrence, ""
                        entry.occurrences.append((place, row))
                    continue
                elif marker == "#,":
                    entry.flags += [flag.strip() for flag in line[3:].split(",")]
                    continue
                elif marker == "#.":
                    entry.comment = entry.comment + "\n" + line[3:] if entry.comment else line[3:]
                    continue
                elif marker == "#|":
                    keyword, _, token = line[3:].partition(" ")
                    if keyword[:1] == '"':
                        if field is None or not field.startswith("previous_"):
                            raise _Untidy
                        setattr(entry, field, getattr(entry, field) + _string(line[3:]))
                        continue
                    field = PREVIOUS.get(keyword)
                    if field is None or not token.startswith('"'):
                        raise _Untidy
                    setattr(entry, field, _string(token.lstrip()))
                    continue
                else:  # "# comment" or a bare "#": a translator comment (before the header: the file's)
                    comment = line.lstrip("#")
                    if first and in_header_comments:
                        header_lines.append(line[2:])
                        continue
                    comment = comment[1:] if comment.startswith(" ") else comment
                    entry.tcomment = entry.tcomment + "\n" + comment if entry.tcomment else comment
                    continue
            else:
                obsolete = 0
            if first:
                in_header_comments = False
            keyword, _, token = line.partition(" ")
            token = token.lstrip()
            if not token.startswith('"'):
                raise _Untidy
            keywords += 1
            if keyword.startswith("msgstr["):
                if len(keyword) != 9 or keyword[8] != "]" or not keyword[7].isdigit():
                    raise _Untidy  # polib reads one digit only
                index = int(keyword[7])
                entry.msgstr_plural[index] = _string(token)
                field = "msgstr_plural"
                continue
            field = KEYWORD.get(keyword)
            if field is None:
                raise _Untidy
            if field == "msgid":
                entry.obsolete = obsolete  # polib: 0 or 1
            setattr(entry, field, _string(token))
        if not keywords:
            raise _Untidy  # comments alone: polib hands them to the next entry
        if first:
            if entry.msgid or entry.msgctxt is not None or entry.obsolete:
                raise _Untidy  # no header entry: polib would take leading comments as the file's
            catalog.header = "\n".join(header_lines)
            _metadata(catalog, entry)
            first = False
            continue
        catalog.append(entry)


def _metadata(catalog: polib.POFile, header: polib.POEntry) -> None:
    """The header entry's fields, read as polib reads them."""
    catalog.metadata_is_fuzzy = header.flags
    key = None
    for line in header.msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            catalog.metadata[key] = value.strip()
        except (ValueError, KeyError):
            if key is not None:
                catalog.metadata[key] += "\n" + line.strip()
