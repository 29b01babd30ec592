"""The review record's format, shared by mmn_i18n.gettext.review (polib entries) and the fast coverage counter (raw text).

    # mmn-reviewed: <name>, <YYYY-MM-DD>, <hash>

The hash is the first 12 hex digits of sha256 over msgctxt, msgid,
msgid_plural and every msgstr (in index order), joined with NUL characters,
as unescaped text. No polib here, so counting reviews costs no import.
"""
from __future__ import annotations

import re

MARK = "mmn-reviewed:"
RECORD = re.compile(r"^mmn-reviewed:\s*(?P<name>[^,\n]+?)\s*,\s*(?P<date>\d{4}-\d{2}-\d{2})\s*,"
                    r"\s*(?P<hash>[0-9a-f]{12})\s*$")
HASH_LENGTH = 12


def text_hash(msgctxt: str | None, msgid: str, msgid_plural: str | None, msgstrs: list[str]) -> str:
    """The hash an approval of exactly this text carries."""
    import hashlib  # here, not at the top: counting catalogs without reviews never needs it

    joined = "\0".join([msgctxt or "", msgid, msgid_plural or "", *msgstrs])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:HASH_LENGTH]
