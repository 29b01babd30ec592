"""The README's sample outputs are what the commands print on the bundled project."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _block_after(marker: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(marker) + r"\s*```[a-z]*\n(.*?)```", text, re.S)
    assert match, marker
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_coverage_table_sample(run):
    sample = _block_after("The table fits an 80-column terminal:")
    result = run(["coverage", "-l", "th", "-l", "shn"])
    assert result.exit_code == 0
    printed = result.stdout.splitlines()
    for line in sample:
        assert line in printed, f"README shows {line!r}; `mmn-i18n coverage` prints:\n{result.stdout}"
