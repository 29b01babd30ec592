"""Count translated, fuzzy and untranslated messages per catalog, exactly as msgfmt does.

The counts follow `msgfmt --statistics` (gettext 0.21, msgfmt.c):

* obsolete entries (`#~`) are not counted;
* an entry whose first msgstr is empty is untranslated, even when it is
  marked fuzzy and even when it is the header (msgfmt's own rule);
* otherwise a fuzzy entry is fuzzy, except the header, whose fuzziness is
  ignored;
* otherwise the entry is translated, and the header is not counted;
* a plural entry counts once, by its msgstr[0].

Words are source words: the English msgid (plus msgid_plural) split at
spaces and tabs, the escapes `\\n` and `\\t` counting as spaces.

Reviewed messages are translated ones carrying a `# mmn-reviewed:` translator
comment whose hash matches the entry's current text (mmn_i18n.gettext.review); the
hash is computed here from the raw strings, and only for entries that carry
such a comment, so counting stays as fast without reviews.

Why not polib or Babel: both build a full object per entry (unescaping every
string, keeping comments, occurrences and flags). On the benchmark tree (500
catalogs, 62,000 messages) that is what makes `sphinx-intl stat` (Babel) take
seconds; the target is five times faster. Counting needs much less: whether
msgstr[0] has any text, the fuzzy flag, the msgid (for its words and to spot
duplicates). So:

1. count_tidy_text reads a catalog laid out as msgmerge/msgcat write it
   (entries separated by one blank line, one string per line) entry by
   entry, with a few whole-string operations that run in C and also check
   the syntax: every line ends with a quote and starts with a quote or a
   keyword, two unescaped quotes a line, keywords in order, no duplicate.
2. Anything else, or anything that check rejects, goes to count_lines, a
   line-by-line scanner that follows gettext's grammar, counts by the same
   rules, and raises ScanError with the line of the first problem gettext
   would reject (stray text, an unterminated string, msgstr without msgid,
   a duplicate definition), so a broken catalog is named, not miscounted.

Files are spread over forked worker processes when there are many of them
(os.fork and a pipe each, results as marshal data: multiprocessing's pool
costs more to import and start than counting a small tree). Nothing is
cached between runs.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Iterable

from .approval import MARK as REVIEW_MARK, RECORD, text_hash
from .catalog_paths import catalog_files, document_of
from ..errors import CatalogError, MmnError, Problem

POT_FOLDER = "pot"  # sphinx-intl keeps templates in locale/pot: not a language
PARALLEL_FROM = 40  # below this many catalogs, starting workers costs more than it saves


def floor_percent(value: float, decimals: int = 1) -> float:
    """Round down, so that 99.96 % never shows as a complete 100.0 %.

    >>> floor_percent(99.96), floor_percent(12.345, 2)
    (99.9, 12.34)
    """
    scale = 10 ** decimals
    return math.floor(value * scale + 1e-9) / scale


@dataclass(frozen=True)
class Counts:
    """Messages and source words of one catalog, or a sum of catalogs."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0
    reviewed: int = 0  # translated messages with a valid approval (mmn_i18n.gettext.review)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def words_total(self) -> int:
        return self.words_translated + self.words_fuzzy + self.words_untranslated

    @property
    def percent(self) -> float:
        """Translated messages in percent; a catalog with nothing to translate is complete."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def words_percent(self) -> float:
        return 100.0 * self.words_translated / self.words_total if self.words_total else 100.0

    @property
    def reviewed_percent(self) -> float:
        """Reviewed messages in percent of all messages; nothing to translate is complete."""
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)))

    def as_dict(self) -> dict[str, int | float]:
        return {
            "translated": self.translated, "fuzzy": self.fuzzy, "untranslated": self.untranslated,
            "total": self.total,
            "words_translated": self.words_translated, "words_fuzzy": self.words_fuzzy,
            "words_untranslated": self.words_untranslated, "words_total": self.words_total,
            "percent": floor_percent(self.percent, 2), "words_percent": floor_percent(self.words_percent, 2),
            "reviewed": self.reviewed, "reviewed_percent": floor_percent(self.reviewed_percent, 2),
        }


@dataclass(frozen=True)
class CatalogCoverage:
    path: Path
    language: str  # the <lang> folder of the layout, not the Language header
    document: str  # the path below LC_MESSAGES without .po
    counts: Counts


@dataclass(frozen=True)
class Coverage:
    """The counts of every catalog found in a locale folder."""

    locale_dir: Path
    languages: tuple[str, ...]
    catalogs: tuple[CatalogCoverage, ...]
    problems: tuple[Problem, ...]  # the catalogs that could not be counted

    def by_language(self) -> dict[str, Counts]:
        totals = {code: Counts() for code in self.languages}
        for catalog in self.catalogs:
            totals[catalog.language] = totals.get(catalog.language, Counts()) + catalog.counts
        return totals

    def by_document(self) -> dict[str, dict[str, Counts]]:
        """document -> language -> counts, documents in name order."""
        table: dict[str, dict[str, Counts]] = {}
        for catalog in sorted(self.catalogs, key=lambda c: c.document):
            row = table.setdefault(catalog.document, {})
            row[catalog.language] = row.get(catalog.language, Counts()) + catalog.counts
        return table

    @property
    def documents(self) -> list[str]:
        return sorted({catalog.document for catalog in self.catalogs})


# What to do about a syntax error, unless the problem has its own advice.
FIX_SYNTAX = "Fix that line (`msgfmt --check` reports it too), then run the command again."


class ScanError(Exception):
    """The first problem that makes gettext reject a catalog, with its line and what to do."""

    def __init__(self, line: int | None, problem: str, fix: str = FIX_SYNTAX) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem
        self.fix = fix


CTXT, ID, PLURAL, STR0, STR_OTHER = range(5)
KEYWORDS = {"msgctxt": CTXT, "msgid": ID, "msgid_plural": PLURAL, "msgstr": STR0}
KEYWORD_LINE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
# The escapes gettext's lexer knows (po-lex.c); a backslash before anything else is
# "invalid control sequence" (C's \' and \? too: msgfmt 0.21 refuses them). Removing
# the valid ones leaves any invalid backslash.
VALID_ESCAPE = re.compile(r'\\(?:[ntbrfva\\"]|[0-7]{1,3}|x[0-9A-Fa-f]+)')
CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def _bad_escape(text: str) -> bool:
    return "\\" in VALID_ESCAPE.sub("", text)


class JunkError(ScanError):
    """Text gettext's lexer turns into a token its parser cannot take (see _scan_lines.parse_error)."""


WORD_START = re.compile(r"[A-Za-z_$]")


def _junk(text: str, number: int) -> ScanError:
    """What msgfmt says first about stray text: a word is an unknown keyword (the lexer
    names its line); anything else is a parser error (JunkError, placed by the caller)."""
    if WORD_START.match(text):
        return ScanError(number, f"unexpected text {text[:20]!r}: expected msgid, msgstr, a \"string\" or a # comment.")
    return JunkError(number, f"unexpected text {text[:20]!r}: expected msgid, msgstr, a \"string\" or a # comment.")


def _string(text: str, number: int) -> str:
    """The quoted string(s) on a line, checked like gettext's lexer would; several
    strings on one line ("a" "b") are one, as in gettext."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"' or text.count('"') != 2 or text[-2] == "\\":
        text = text.rstrip()
        if not STRING.fullmatch(text):
            if not text.startswith('"'):
                raise _junk(text, number)
            parts, at = [], 0
            while at < len(text):
                match = STRING.match(text, at)
                if match is None:
                    if text[at] == '"':  # an open string runs to the end of the line
                        raise ScanError(number, "unterminated or badly quoted string.")
                    raise _junk(text[at:], number)
                parts.append(match.group()[1:-1])
                at = match.end()
                while at < len(text) and text[at] in " \t":
                    at += 1
            text = '"' + "".join(parts) + '"'
    if "\\" in text and _bad_escape(text):
        raise ScanError(number, "invalid escape sequence (a backslash before a character gettext does not know).",
                        "Write a backslash as \\\\ and a quote as \\\"; only \\n, \\t, \\\\, \\\" and the like are escapes.")
    return text


def _words(raw: str) -> int:
    r"""Words of a raw (still escaped) msgid: runs of characters other than space and tab.

    >>> _words("Migrants' rights\\nare human rights."), _words(" two  words ")
    (5, 2)
    """
    if "\\" in raw:
        raw = raw.replace("\\n", " ").replace("\\t", " ")
    if "\t" in raw:
        raw = raw.replace("\t", " ")
    if not raw:
        return 0
    if raw[0] != " " and raw[-1] != " " and "  " not in raw:
        return raw.count(" ") + 1
    return sum(1 for word in raw.split(" ") if word)


def count_text(text: str, data: bytes | None = None) -> Counts:
    """Count the messages of a catalog's text; raises ScanError on a syntax gettext rejects.

    data: the bytes text was decoded from, when at hand (spares encoding it again).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if text.startswith("\ufeff"):
        raise ScanError(1, "the file starts with a byte-order mark, which msgfmt rejects.",
                        "Save it as UTF-8 without BOM (Poedit does; in an editor choose \"UTF-8\", not \"UTF-8 with BOM\").")
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    # deleting the control bytes is ten times faster than searching them with a regex
    if (len(data.translate(None, CONTROL_BYTES)) != len(data) or "\r" in text
            or "\x85" in text or "\u2028" in text or "\u2029" in text):
        control = CONTROL.search(text)
    else:
        control = None
    if control:
        raise ScanError(text.count("\n", 0, control.start()) + 1,
                        f"an invisible control character (U+{ord(control.group()):04X}).",
                        "Delete it: it is almost always damage (msgfmt lets it through, polib and editors split lines at it).")
    counts = count_tidy_text(text)
    return counts if counts is not None else count_lines(text)


# Characters no catalog needs, which polib (like str.splitlines) takes for line ends or
# spaces: a deliberate difference from msgfmt, which passes them into translations.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
CONTROL_BYTES = bytes(code for code in range(32) if code not in (9, 10, 13)) + b"\x7f"  # CR: CRLF is fine


FUZZY_FLAG = re.compile(r"^#,(?:[^\n]*,)?[ \t]*fuzzy[ \t]*(?:,|$)", re.MULTILINE)


def _joined(strings: str) -> str:
    """The raw (still escaped) text of string lines laid out as msgcat does."""
    if "\n" in strings:
        strings = strings.replace('"\n"', "")
    return strings[1:-1]


def _has_text(strings: str) -> bool:
    return bool(strings.replace('""', "").strip())


def _fuzzy(comments: str) -> bool:
    if "fuzzy" not in comments:
        return False
    if "#~" in comments:  # flags above an obsolete (#~) entry belong to it
        comments = comments[comments.rfind("#~"):]
    return bool(FUZZY_FLAG.search(comments))


ESCAPE = re.compile(r'\\(\\|n|t|r|")')
UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}


def _unescape(raw: str) -> str:
    """A raw catalog string as polib reads it (the same escapes, so the review hashes agree)."""
    return ESCAPE.sub(lambda match: UNESCAPED[match.group(1)], raw) if "\\" in raw else raw


def _approved(comments: str, context: str | None, msgid: str, plural: str | None, msgstrs: list[str]) -> int:
    """1 when a `# mmn-reviewed:` comment line holds the hash of this text (raw strings), else 0."""
    hashes = []
    start = comments.find(REVIEW_MARK)
    while start != -1:
        line_start = comments.rfind("\n", 0, start) + 1
        end = comments.find("\n", start)
        line = comments[line_start:] if end == -1 else comments[line_start:end]
        if line.startswith("# "):
            record = RECORD.match(line[2:].strip())
            if record:
                hashes.append(record["hash"])
        start = -1 if end == -1 else comments.find(REVIEW_MARK, end)
    if not hashes:
        return 0
    current = text_hash(None if context is None else _unescape(context), _unescape(msgid),
                        None if plural is None else _unescape(plural), [_unescape(text) for text in msgstrs])
    return int(current in hashes)


def count_tidy_text(text: str) -> Counts | None:
    """Count a catalog laid out as the gettext tools write it, entry by entry.

    msgmerge and msgcat separate entries by one blank line, put comments
    first, one keyword per line and one string per line. Each entry is then
    checked and read with a few whole-string operations (which run in C)
    instead of a Python loop over its lines. Whenever the text strays from
    that layout (or has a duplicate) this returns None, so that count_lines
    counts it or says what is wrong.
    """
    translated = fuzzy = untranslated = reviewed = 0
    words_translated = words_fuzzy = words_untranslated = 0
    seen = set()
    obsolete: list[str] = []
    text = text.rstrip("\n")  # blank lines at the end mean nothing to gettext
    for block in text.split("\n\n") if text else ():
        if not block:
            return None
        # b: where the keywords start; comments are block[:b - 1]
        if block[0] == "#":
            b = block.find("\nm") + 1
            if b == 0:  # comments or obsolete entries only
                if block.count("\n#") != block.count("\n") or _fuzzy(block):
                    return None
                if "#~" in block:
                    obsolete.append(block)
                continue
            if block.count("\n#", 0, b) != block.count("\n", 0, b - 1) or block.find("#~", 0, b) != -1:
                return None
        else:
            b = 0
        # Every line ends with a quote and the next starts with a quote or a
        # keyword; two quotes a line (not counting escaped ones).
        lines = block.count("\n", b)
        keywords = block.count('"\nmsg', b) + 1
        if block[-1] != '"' or block.count('"\n"', b) + keywords - 1 != lines:
            return None
        quotes = block.count('"', b)
        if quotes != 2 * (lines + 1) and quotes - block.count('\\"', b) != 2 * (lines + 1):
            return None
        if block.find("\\", b) != -1 and (_bad_escape(block[b:]) or '\\"\n' in block or block.endswith('\\"')):
            return None  # count_lines names the line (an escaped closing quote leaves a string open)
        context = None
        if block.startswith('msgctxt "', b):
            at = block.find("\nmsgid ", b)
            if at == -1:
                return None
            context = _joined(block[b + 8:at])
            b = at + 1
            keywords -= 1
        if not block.startswith('msgid "', b):
            return None
        at = block.find("\nmsgstr", b)
        if at == -1:
            return None
        plural = None
        if keywords == 2:
            if not block.startswith('msgstr "', at + 1):
                return None
            msgid = block[b + 7:at - 1].replace('"\n"', "")
            translation = block[at + 8:]
            words = _words(msgid)
        else:  # a plural entry: msgid, msgid_plural, msgstr[0], msgstr[1]...
            plural_at = block.find('\nmsgid_plural "', b, at)
            if plural_at == -1 or not block.startswith('msgstr[0] "', at + 1) or block.find("\nmsgid", at) != -1:
                return None
            msgid = _joined(block[b + 6:plural_at])
            plural = _joined(block[plural_at + 14:at])
            words = _words(msgid) + _words(plural)
            end = block.find("\nmsgstr[", at + 1)
            translation = block[at + 11:] if end == -1 else block[at + 11:end]
        key = (context, msgid)
        if key in seen:
            return None
        seen.add(key)
        if translation == '""' or (translation[1] == '"' and not _has_text(translation)):
            untranslated += 1
            words_untranslated += words
        elif context is None and not msgid:
            pass  # the header: msgfmt counts neither it nor its fuzziness
        elif b and block.find("fuzzy", 0, b) != -1 and _fuzzy(block[:b]):
            fuzzy += 1
            words_fuzzy += words
        else:
            translated += 1
            words_translated += words
            if b and block.find(REVIEW_MARK, 0, b) != -1:
                msgstrs = ([_joined(translation)] if plural is None else
                           [_joined(part[part.index(" ") + 1:]) for part in block[at + 1:].split("\nmsgstr[")])
                reviewed += _approved(block[:b], context, msgid, plural, msgstrs)
    if obsolete:
        # msgfmt checks obsolete entries too: their syntax, and that none repeats a message
        try:
            defined = _scan_lines("\n\n".join(obsolete))[1]
        except ScanError:
            return None
        if not seen.isdisjoint(defined):
            return None
    return Counts(translated, fuzzy, untranslated, words_translated, words_fuzzy, words_untranslated, reviewed)


def count_lines(text: str) -> Counts:
    """Count line by line, checking the syntax; slower, but it knows where a catalog breaks."""
    return _scan_lines(text)[0]


def _scan_lines(text: str) -> tuple[Counts, dict[tuple[str | None, str], int]]:
    """The counts, and the line of every (msgctxt, msgid) defined, obsolete ones included.

    Obsolete (#~) entries are parsed like the others, as msgfmt does: a syntax
    error or a duplicate among them breaks the catalog too; they are just not
    counted.
    """
    translated = fuzzy = untranslated = reviewed = 0
    words_translated = words_fuzzy = words_untranslated = 0
    seen: dict[tuple[str | None, str], int] = {}
    records: list[str] = []  # `# mmn-reviewed:` lines of the entry being read
    pending_records: list[str] = []
    strs: dict[int, list[str]] = {}  # msgstr[n] string parts, kept to check a review's hash

    # the entry being read
    section: int | None = None
    started = False  # a msgctxt or msgid has been read
    has_id = has_str = plural = False
    is_fuzzy = pending_fuzzy = False
    obsolete = line_obsolete = False
    context: list[str] | None = None
    ids: list[str] = []
    plurals: list[str] = []
    str0_text = False
    str_index = 0
    entry_line = 0  # where the entry starts (its msgctxt or msgid)
    id_line = 0  # its msgid: msgfmt names this line for an incomplete entry or a duplicate

    def parse_error(number: int, problem: str, fix: str = FIX_SYNTAX) -> ScanError:
        """A line msgfmt's parser cannot take; inside an entry still missing its msgstr,
        msgfmt names the entry's msgid line ("missing 'msgstr' section"), so do we."""
        if has_id and not has_str and (section == ID or section == PLURAL):
            return ScanError(id_line, f"msgid without msgstr, because of line {number}: {problem}", fix)
        return ScanError(number, problem, fix)

    def finish() -> None:
        nonlocal translated, fuzzy, untranslated, words_translated, words_fuzzy, words_untranslated, reviewed
        nonlocal started, has_id, has_str, plural, context, section
        if not has_id:
            raise ScanError(entry_line, "msgctxt without msgid.")
        if not has_str:
            raise ScanError(id_line, "msgid without msgstr.")
        msgid = "".join(part[1:-1] for part in ids)
        key = (None if context is None else "".join(part[1:-1] for part in context), msgid)
        if key in seen:
            raise ScanError(id_line, f"duplicate message definition (first defined at line {seen[key]}).",
                            "Keep one of the two entries (msguniq shows both), then run the command again.")
        seen[key] = id_line
        started = has_id = has_str = False
        section = None
        if obsolete:
            plural = False
            context = None
            return
        header = context is None and not msgid
        words = _words(msgid) if msgid else 0
        if plural:
            words += _words("".join(part[1:-1] for part in plurals))
        if not str0_text:
            untranslated += 1
            words_untranslated += words
        elif header:
            pass  # msgfmt counts neither the header nor its fuzziness
        elif is_fuzzy:
            fuzzy += 1
            words_fuzzy += words
        else:
            translated += 1
            words_translated += words
            if records:
                joined = ["".join(part[1:-1] for part in strs[index]) for index in sorted(strs)]
                reviewed += _approved("\n".join(records),
                                      None if context is None else "".join(part[1:-1] for part in context), msgid,
                                      "".join(part[1:-1] for part in plurals) if plural else None, joined)
        plural = False
        context = None

    string_due = 0  # the line of a keyword still waiting for its string
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        first = line[0]
        if first == " " or first == "\t":
            line = line.strip()
            if not line:
                continue
            first = line[0]
        line_obsolete = False
        if first == "#" and line.startswith("#~") and not line.startswith("#~|"):
            line = line[2:].strip()  # an obsolete entry's line: read as any other
            if not line or line[0] == "#":
                continue
            first, line_obsolete = line[0], True
        if string_due and first != '"':
            raise ScanError(string_due, "expected a quoted string after the keyword.")
        string_due = 0
        if first == '"':
            try:
                line = _string(line, number)
            except JunkError as error:
                raise parse_error(number, error.problem) from None
            if section == ID:
                ids.append(line)
            elif section == STR0:
                if len(line) > 2:
                    str0_text = True
                strs[str_index].append(line)
            elif section == STR_OTHER:
                strs[str_index].append(line)
            elif section == PLURAL:
                plurals.append(line)
            elif section == CTXT:
                context.append(line)  # type: ignore[union-attr]
            elif section is None:
                raise ScanError(number, "a string with no keyword before it (msgid, msgstr...).")
            continue
        if first == "#":
            if has_str:
                finish()
            elif started:
                raise ScanError(id_line if has_id else entry_line, "msgid without msgstr." if has_id else "msgctxt without msgid.")
            section = None
            if REVIEW_MARK in line and line.startswith("# "):
                pending_records.append(line)
            if line.startswith("#,") and "fuzzy" in line:
                pending_fuzzy = pending_fuzzy or any(flag.strip() == "fuzzy" for flag in line[2:].split(","))
            continue

        keyword, _, rest = line.partition(" ")
        kind = KEYWORDS.get(keyword)
        index = 0
        if kind is None:
            match = KEYWORD_LINE.match(line)
            if not match:
                if line.startswith(CONFLICT_MARKERS):
                    raise parse_error(number, f"a merge conflict marker ({line[:7]}).",
                                      "Resolve the conflict: keep one side's entries and delete the marker lines.")
                junk = _junk(line, number)
                raise parse_error(number, junk.problem) if isinstance(junk, JunkError) else junk
            keyword, index_text, rest = match.groups()
            if index_text is not None:
                kind, index = (STR0 if index_text == "0" else STR_OTHER), int(index_text)
            else:
                kind = KEYWORDS[keyword]
        else:
            rest = rest.lstrip()
        if rest:
            try:
                value = _string(rest, number)
            except JunkError as error:  # right after a keyword: msgfmt names this line
                raise ScanError(number, error.problem) from None
        else:  # gettext also takes the string on the next line
            value, string_due = '""', number

        if kind == CTXT or kind == ID:
            if has_str:
                finish()
            if kind == CTXT or not started:
                if started:
                    raise ScanError(entry_line if not has_id else id_line, "msgctxt without msgid." if not has_id else "msgid without msgstr.")
                started, entry_line, obsolete = True, number, line_obsolete
                is_fuzzy, pending_fuzzy = pending_fuzzy, False
                records, pending_records = pending_records, []
                context, ids, plurals, str0_text, strs = None, [], [], False, {}
            elif has_id:
                raise ScanError(id_line, "msgid without msgstr.")
            if kind == CTXT:
                context = [value]
            else:
                has_id, id_line = True, number
                ids = [value]
        elif kind == PLURAL:
            if not has_id or has_str or plural:
                raise ScanError(number, "msgid_plural must follow a msgid.")
            plural = True
            plurals = [value]
        else:  # msgstr or msgstr[n]
            if not has_id:
                raise ScanError(number, "msgstr without msgid.")
            if plural and keyword == "msgstr":
                raise ScanError(number, "a plural entry (msgid_plural) needs msgstr[0], msgstr[1]... not msgstr.")
            if not plural and keyword != "msgstr":
                raise ScanError(number, f"{keyword} without msgid_plural.")
            if has_str and keyword == "msgstr":
                raise ScanError(number, "msgstr without msgid (or a second msgstr for one msgid).")
            if index == 0:
                str0_text = str0_text or len(value) > 2
            str_index = index
            strs[index] = [value]
            has_str = True
        section = kind
    if string_due:
        raise ScanError(string_due, "expected a quoted string after the keyword.")
    if has_str:
        finish()
    elif started:
        raise ScanError(id_line if has_id else entry_line, "msgid without msgstr." if has_id else "msgctxt without msgid.")
    return Counts(translated, fuzzy, untranslated, words_translated, words_fuzzy, words_untranslated, reviewed), seen


def decode(data: bytes) -> str:
    """The text of a catalog: UTF-8, or the charset its header names when the bytes are not UTF-8.

    A header naming another charset over UTF-8 text (say ISO-8859-1 over
    Burmese) is refused, although msgfmt takes it: read as the header says,
    every translation would turn into mojibake, and msgmerge would write it so.
    """
    match = CHARSET.search(data, 0, 4096)
    charset = match.group(1).decode("ascii").lower() if match else "utf-8"
    utf8_charset = charset.replace("-", "").replace("_", "") in ("utf8", "charset")  # CHARSET: a template's placeholder
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    else:
        if not utf8_charset and not text.isascii():
            # ISO-8859-1 and the like take any byte: msgfmt would read it all as mojibake
            line = data.count(b"\n", 0, match.start()) + 1
            for number, raw in enumerate(data.split(b"\n"), 1):
                if raw.startswith(b"#") and not raw.startswith(b"#~"):
                    continue  # msgfmt converts strings, not comments
                try:
                    raw.decode(charset)
                except UnicodeDecodeError:  # msgfmt names the first line its charset cannot hold
                    line = number
                    break
                except LookupError:
                    break
            raise ScanError(line, f"the header declares charset={match.group(1).decode()} but the text is UTF-8.",
                            "If the text reads right in a UTF-8 editor, change the header to charset=UTF-8; "
                            "otherwise convert the file with `msgconv --to-code=UTF-8`.")
        return text
    if not utf8_charset:
        try:
            return data.decode(charset)
        except LookupError:
            line = data.count(b"\n", 0, match.start()) + 1
            raise ScanError(line, f"unknown charset {charset!r} in the header.",
                            "Convert the file to UTF-8 and declare charset=UTF-8.") from None
        except UnicodeDecodeError as error:
            utf8_error = error
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise ScanError(line, f"not valid {charset.upper()} ({utf8_error.reason}).",
                    "Save the file as UTF-8 (in Poedit: File > Save; in an editor: encoding UTF-8).")


def count_catalog(path: Path | str) -> Counts:
    """The counts of one .po file; raises CatalogError naming file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
        return count_text(decode(data), data)
    except OSError as error:
        raise CatalogError(path, None, f"cannot read: {error.strerror or error}.") from None
    except ScanError as error:
        raise CatalogError(path, error.line, error.problem, error.fix) from None


def _count_or_problem(path: Path) -> Counts | Problem:
    try:
        return count_catalog(path)
    except CatalogError as error:
        return Problem(path, error.line, error.problem, error.fix)


def language_folders(locale_dir: Path) -> list[str]:
    """The language codes of a sphinx-intl layout: folders holding LC_MESSAGES."""
    return sorted(entry.name for entry in os.scandir(locale_dir)
                  if entry.is_dir() and entry.name != POT_FOLDER and os.path.isdir(os.path.join(entry.path, "LC_MESSAGES")))


def find_catalogs(locale_dir: Path, languages: Iterable[str]) -> list[tuple[str, str, Path]]:
    """(language, document, path) for every <lang>/LC_MESSAGES/**/*.po."""
    found = []
    for code in languages:
        catalog_dir = locale_dir / code / "LC_MESSAGES"
        for path in catalog_files(catalog_dir):
            found.append((code, document_of(path, catalog_dir), path))
    return found


def _as_data(result: Counts | Problem) -> tuple:
    if isinstance(result, Problem):
        return ("problem", result.line, result.problem, result.fix)
    return ("counts", *astuple(result))


def _from_data(path: Path, data: tuple) -> Counts | Problem:
    return Problem(path, *data[1:]) if data[0] == "problem" else Counts(*data[1:])


def _count_in_workers(paths: list[Path], jobs: int) -> list[Counts | Problem]:
    """Count paths in `jobs` processes, this one and jobs - 1 forked ones (every jobs-th file each,
    so big and small files mix).

    fork: the workers start in a millisecond with this module already
    imported. A worker that fails in any way is not trusted: its files are
    counted again here.
    """
    import marshal

    shares = [list(range(first, len(paths), jobs)) for first in range(jobs)]
    workers = []
    for share in shares[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: count, send, leave without running the parent's cleanup
            status = 1
            try:
                os.close(read_end)
                data = marshal.dumps([_as_data(_count_or_problem(paths[index])) for index in share])
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        workers.append((pid, read_end, share))
    results: list[Counts | Problem | None] = [None] * len(paths)
    sent: list[tuple[list[int], list | None]] = []
    try:
        for index in shares[0]:
            results[index] = _count_or_problem(paths[index])
    finally:  # every worker is read and reaped, even when counting here failed
        for pid, read_end, share in workers:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            try:
                sent.append((share, marshal.loads(data) if status == 0 else None))
            except (EOFError, ValueError, TypeError):
                sent.append((share, None))
    for share, rows in sent:
        if rows is None or len(rows) != len(share):
            rows = [_as_data(_count_or_problem(paths[index])) for index in share]
        for index, row in zip(share, rows):
            results[index] = _from_data(paths[index], row)
    return results


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def measure(locale_dir: Path | str, languages: Iterable[str] | None = None, jobs: int = 1) -> Coverage:
    """Count every catalog of the given languages (default: every language folder).

    jobs > 1 forks worker processes (the CLI passes one per core); the default
    stays in this process, which is safe inside any host program.
    """
    locale_dir = Path(locale_dir)
    if not locale_dir.is_dir():
        raise MmnError(f"{locale_dir}: no such folder. Name a folder holding <lang>/LC_MESSAGES/*.po.")
    codes = tuple(languages) if languages is not None else tuple(language_folders(locale_dir))
    found = find_catalogs(locale_dir, codes)
    paths = [path for _, _, path in found]
    if jobs > 1 and len(paths) >= PARALLEL_FROM and hasattr(os, "fork"):
        results = _count_in_workers(paths, jobs)
    else:
        results = [_count_or_problem(path) for path in paths]
    catalogs, problems = [], []
    for (code, document, path), result in zip(found, results):
        if isinstance(result, Problem):
            problems.append(result)
        else:
            catalogs.append(CatalogCoverage(path, code, document, result))
    return Coverage(locale_dir, codes, tuple(catalogs), tuple(problems))
