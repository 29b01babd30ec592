"""Property: importing any edited spreadsheet never loses a translation."""
from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mmn_i18n.gettext.catalogs import read_catalog
from mmn_i18n.gettext.glossary import load_termbase
from mmn_i18n.gettext.glossary.load import glossary_catalog
from mmn_i18n.gettext.glossary.spreadsheet import import_csv
from mmn_i18n.project import load_project

REPO = Path(__file__).resolve().parents[1]
TERMBASE = load_termbase(load_project(REPO))
IDS = [term.id for term in TERMBASE.terms]
PARTS = ["term", "definition", "example"]
COLUMN = {"term": "th", "definition": "th:definition", "example": "th:example"}

thai_text = st.text(alphabet=st.sampled_from("กขคงจฉชซญดตถทนบปผพฟมยรลวสหอะาิีุูเแโใไ่้๊๋ ์"),
                    min_size=1, max_size=20).map(str.strip).filter(bool)
edits = st.dictionaries(st.tuples(st.sampled_from(IDS), st.sampled_from(PARTS)),
                        st.one_of(st.just(""), st.just("=same"), thai_text), max_size=12)


def entries(po_path: Path) -> dict[str, tuple[str, bool]]:
    return {e.msgid: (e.msgstr, "fuzzy" in e.flags) for e in read_catalog(po_path) if not e.obsolete}


@settings(max_examples=12, deadline=None)
@given(edits=edits)
def test_import_changes_exactly_the_edited_cells(edits):
    with tempfile.TemporaryDirectory() as folder:
        locale = Path(folder) / "locale"
        po_path = glossary_catalog(locale, "th")
        po_path.parent.mkdir(parents=True)
        shutil.copy(glossary_catalog(REPO / "locale", "th"), po_path)
        before = entries(po_path)

        rows: dict[str, dict[str, str]] = {}
        for (term_id, part), value in edits.items():
            english = TERMBASE.term(term_id).english(part)
            rows.setdefault(term_id, {})[COLUMN[part]] = before[english][0] if value == "=same" else value
        sheet = Path(folder) / "sheet.csv"
        with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", *COLUMN.values()])
            writer.writeheader()
            writer.writerows({"id": term_id, **cells} for term_id, cells in rows.items())

        changes = import_csv(TERMBASE, sheet, locale, ["th"])
        after = entries(po_path)

        assert set(after) == set(before)
        for msgid, (text, fuzzy) in before.items():
            if text and not after[msgid][0]:
                raise AssertionError(f"translation of {msgid!r} was dropped")
        for (term_id, part), value in edits.items():
            english = TERMBASE.term(term_id).english(part)
            cell = rows[term_id][COLUMN[part]]
            if not cell or cell == before[english][0]:
                assert after[english] == before[english]  # blank or unchanged: left alone, flags too
            else:
                assert after[english] == (cell, False)
        expected = {(t, p) for (t, p), v in edits.items()
                    if rows[t][COLUMN[p]] and rows[t][COLUMN[p]] != before[TERMBASE.term(t).english(p)][0]}
        assert {(c.term_id, c.part) for c in changes} == expected
