"""Random damage to real catalogs, and GNU msgfmt's verdict on the result (shared by the tests)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
# Real bundled catalogs: Thai, Burmese, Chinese (plurals of terms), Shan, Khmer (zero-width spaces).
SAMPLES = [REPO / "locale" / path for path in (
    "th/LC_MESSAGES/statement-migrants-day-2015.po", "my/LC_MESSAGES/about.po",
    "zh_CN/LC_MESSAGES/vocabulary/a-z.po", "shn/LC_MESSAGES/index.po",
    "km/LC_MESSAGES/workshop-living-together.po")]
KINDS = ("truncate", "drop_quote", "add_quote", "flip", "bom", "charset", "duplicate", "backslash",
         "conflict", "delete_line", "repeat_line")


@st.composite
def damaged(draw, data: bytes) -> tuple[str, bytes]:
    """(kind of damage, the damaged bytes) for one catalog's bytes."""
    kind = draw(st.sampled_from(KINDS))
    if kind == "truncate":
        return kind, data[:draw(st.integers(0, len(data) - 1))]
    if kind in ("drop_quote", "add_quote", "backslash"):
        quotes = [match.start() for match in re.finditer(rb'"', data)]
        at = draw(st.sampled_from(quotes))
        if kind == "drop_quote":
            return kind, data[:at] + data[at + 1:]
        return kind, data[:at] + (b'"' if kind == "add_quote" else b"\\") + data[at:]
    if kind == "flip":
        at = draw(st.integers(0, len(data) - 1))
        return kind, data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + data
    if kind == "charset":
        charset = draw(st.sampled_from([b"ISO-8859-1", b"CP1252", b"ASCII", b"utf8", b"KOI8-R"]))
        return kind, data.replace(b"charset=UTF-8", b"charset=" + charset, 1)
    if kind == "duplicate":
        blocks = data.split(b"\n\n")
        entry = blocks[draw(st.integers(1, len(blocks) - 1))]
        blocks.insert(draw(st.integers(1, len(blocks))), entry)
        return kind, b"\n\n".join(blocks)
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "conflict":
        lines.insert(at, draw(st.sampled_from([b"<<<<<<< HEAD", b"=======", b">>>>>>> theirs"])))
    elif kind == "delete_line":
        del lines[at]
    else:
        lines.insert(at, lines[at])
    return kind, b"\n".join(lines)


MSGFMT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?:\d+:)? (?P<problem>.*)$")
# msgfmt --check also checks the header's fields, format strings and plural counts: not
# syntax, and not what a reader refuses (the check command reports format problems).
NOT_SYNTAX = ("warning", "header field", "format specification", "plural", "PO file header",
              "...this is the location", "nplurals", "Plural-Forms")


def msgfmt_verdict(path: Path) -> tuple[int, tuple[int, str] | None]:
    """msgfmt --check's exit code, and the line and problem of its first syntax error.

    msgfmt reports an unterminated string ("end-of-line within string") on the
    line after it, having read the newline: the string's own line is returned.
    """
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, errors="replace")
    for line in result.stderr.splitlines():
        match = MSGFMT_LINE.match(line)
        if match and not any(word in match["problem"] for word in NOT_SYNTAX):
            number = int(match["line"])
            if match["problem"] == "end-of-line within string":
                number -= 1
            return result.returncode, (number, match["problem"])
    return result.returncode, None


def header_end(data: bytes) -> int:
    """The last line of the header entry (its first blank line, less one)."""
    lines = data.split(b"\n")
    return next((number for number, line in enumerate(lines, 1) if not line.strip() and number > 2), len(lines))
