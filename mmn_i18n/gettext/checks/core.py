"""The check model: Finding, Severity, the @check registry and what a check sees."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ...languages import Language


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one catalog entry (or in the catalog header, line of msgid "")."""

    path: Path
    line: int
    language: str
    msgid: str
    check: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self, path: str | None = None) -> dict[str, Any]:
        return {
            "path": path or str(self.path), "line": self.line, "language": self.language,
            "msgid": self.msgid, "check": self.check, "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class Pair:
    """A source text and its translation (one plural form of an entry at a time)."""

    source: str
    translation: str
    form: int | None = None  # plural form index, None for a singular entry

    def label(self, message: str) -> str:
        return message if self.form is None else f"msgstr[{self.form}]: {message}"


@dataclass(frozen=True)
class Unit:
    """One translated, non-fuzzy catalog entry, as the checks see it."""

    msgid: str
    msgid_plural: str
    translations: tuple[str, ...]  # msgstr, or msgstr[0..n]
    flags: frozenset[str]
    line: int
    ignored: frozenset[str] = frozenset()  # check ids silenced by `# mmn-ignore:` (or #, ignore-<id>)
    occurrences: tuple[tuple[str, str], ...] = ()
    msgctxt: str = ""
    # Whether the text is reStructuredText: from its `#:` references (.rst/.txt
    # files Sphinx extracted) when it has any, else the catalog's guess (None).
    rest: bool | None = None
    # Every check asks for the pairs: made once per entry.
    _pairs: dict[int, list[Pair]] = field(default_factory=dict, compare=False, repr=False)

    def is_rest(self, ctx: "Context") -> bool:
        return ctx.rest if self.rest is None else self.rest

    @property
    def plural(self) -> bool:
        return bool(self.msgid_plural)

    def pairs(self, nplurals: int) -> list[Pair]:
        if nplurals not in self._pairs:
            if not self.plural:
                pairs = [Pair(self.msgid, self.translations[0])]
            else:
                # With one form only (th, km, zh...) msgstr[0] stands for every
                # count, so it is compared with the plural English text.
                pairs = [Pair(self.msgid if index == 0 and nplurals > 1 else self.msgid_plural, text, index)
                         for index, text in enumerate(self.translations)]
            self._pairs[nplurals] = pairs
        return self._pairs[nplurals]


@dataclass
class Context:
    """What a check knows besides the entry: the catalog, its language, shared caches."""

    path: Path
    language: Language
    header: dict[str, str]
    nplurals: int
    catalog: Any = None  # the polib.POFile, for catalog-wide checks
    cache: dict[str, Any] = field(default_factory=dict)  # this catalog's
    termbase: Any = None
    rest: bool = True  # messages are reStructuredText (extracted by Sphinx)
    lines: list[str] = field(default_factory=list)  # the file's text, for msgid line numbers
    # What every catalog of one run shares (a tree's glossary terms): owned by the
    # caller that runs the checks (mmn_i18n.gettext.checks.runner), gone with the run.
    run: dict[str, Any] = field(default_factory=dict)

    def entry_line(self, entry: Any) -> int:
        """The line of an entry's msgid (polib gives the entry's first comment line)."""
        return msgid_line(self.lines, entry.linenum)


def msgid_line(lines: list[str], start: int) -> int:
    for number in range(start, min(start + 200, len(lines) + 1)):
        if lines[number - 1].startswith(("msgid ", "#~ msgid ")):
            return number
    return start


EntryCheck = Callable[[Unit, Context], Iterator[str]]
CatalogCheck = Callable[[Context], Iterator[tuple[int, str, str]]]  # (line, msgid, message)


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    summary: str
    function: Callable[..., Iterator[Any]]
    scope: str = "entry"  # "entry": per translated unit; "catalog": once per file

    @property
    def description(self) -> str:
        return (self.function.__doc__ or self.summary).strip()

    @property
    def ignore_comment(self) -> str:
        return f"# mmn-ignore: {self.id}"


CHECKS: dict[str, Check] = {}


def check(check_id: str, severity: Severity, summary: str, scope: str = "entry"):
    """Register a generator function as a check (entry or catalog scope)."""

    def register(function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        if check_id in CHECKS:
            raise ValueError(f"check id {check_id!r} registered twice")
        CHECKS[check_id] = Check(check_id, severity, summary, function, scope)
        return function

    return register
