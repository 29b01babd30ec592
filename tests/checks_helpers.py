"""Write small real catalogs for the check tests."""
from __future__ import annotations

from pathlib import Path

import polib

from mmn_i18n.gettext.checks import check_catalog
from mmn_i18n.languages import get_language


def write_po(folder: Path, lang: str, entries: list[dict], name: str = "test", header: dict | None = None) -> Path:
    """A catalog at folder/<lang>/LC_MESSAGES/<name>.po whose entries come from reST sources."""
    po = polib.POFile(wrapwidth=79)
    language = get_language(lang)
    po.metadata = {
        "Project-Id-Version": "test", "Language": lang, "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms, **(header or {}),
    }
    for number, spec in enumerate(entries, 1):
        entry = polib.POEntry(
            msgid=spec["msgid"], msgstr=spec.get("msgstr", ""),
            msgid_plural=spec.get("msgid_plural", ""),
            flags=list(spec.get("flags", ())),
            occurrences=[("../../source/test.rst", str(number * 3))],
        )
        if "msgstr_plural" in spec:
            entry.msgstr_plural = dict(enumerate(spec["msgstr_plural"]))
        po.append(entry)
    path = folder / lang / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def findings_for(tmp_path: Path, lang: str, msgid: str, msgstr: str, **spec):
    path = write_po(tmp_path, lang, [{"msgid": msgid, "msgstr": msgstr, **spec}])
    return [finding for finding in check_catalog(path) if finding.line > 0 and finding.msgid]


def ids(findings) -> set[str]:
    return {finding.check for finding in findings}
