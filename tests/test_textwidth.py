"""Columns lined up by display width, whatever the script."""
from __future__ import annotations

import pytest

from mmn_i18n.languages import get_language
from mmn_i18n.gettext.textwidth import display_width, pad


@pytest.mark.parametrize(("text", "width"), [
    ("abc", 3), ("中文 (简体)", 11), ("ไทย", 3), ("ที่นี่", 2), ("ພາສາລາວ", 7),
    ("မြန်မာ", 5), ("ខ្មែរ", 4), ("Tiếng Việt", 10), ("Tie\u0301ng", 5), ("a\u200bb", 2), ("ｆｕｌｌ", 8),
])
def test_display_width(text, width):
    assert display_width(text) == width
    assert display_width(pad(text, 16)) == 16


def test_glossary_lookup_columns_line_up(run):
    """`  <code> <native name, padded> <translation>`: every translation starts in the same cell."""
    result = run(["glossary", "lookup", "work permit"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("  ") and line[2:8].strip()]
    assert len(rows) == 7
    columns = set()
    for row in rows:
        code = row.split()[0]
        name = get_language(code).native_name
        before_translation = row[:row.index(name) + len(name)]
        rest = row[len(before_translation):]
        translation_at = len(before_translation) + len(rest) - len(rest.lstrip(" "))
        columns.add(display_width(row[:translation_at]))
    assert len(columns) == 1, columns
