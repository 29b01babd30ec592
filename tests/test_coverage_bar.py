"""coverage's bar rounds down like its percentages."""
from __future__ import annotations

import pytest

from mmn_i18n.interfaces.cli.coverage_commands import bar
from mmn_i18n.gettext.coverage import Counts


def counts(translated: int, fuzzy: int, untranslated: int) -> Counts:
    return Counts(translated=translated, fuzzy=fuzzy, untranslated=untranslated)


@pytest.mark.parametrize(("translated", "fuzzy", "untranslated"), [
    (999, 0, 1), (998, 1, 1), (0, 999, 1), (13, 0, 1), (1, 1, 998), (675, 0, 0), (100, 7, 0),
])
def test_bar_is_full_only_when_complete_and_never_rounds_up(translated, fuzzy, untranslated):
    drawn = bar(counts(translated, fuzzy, untranslated), width=14)
    assert len(drawn) == 14
    cells = "█▒░" if set(drawn) <= set("█▒░") else "#~."  # ASCII when stdout is not UTF-8
    full, half, empty = (drawn.count(cell) for cell in cells)
    total = translated + fuzzy + untranslated
    assert full == 14 * translated // total  # as the percentage: rounded down
    assert (empty > 0) == (untranslated > 0)  # something left to do always shows
    assert full + half == 14 * (translated + fuzzy) // total
