"""The glossary's CSV survives a real spreadsheet program: LibreOffice Calc (headless)
opens it, saves it as ODS, writes it back as CSV, and importing that changes nothing."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice")


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc is not installed: run scripts/setup.sh")
def test_libreoffice_round_trip_loses_nothing(run, project_dir, tmp_path):
    sheet = tmp_path / "sheet.csv"
    assert run(["glossary", "export", "--format", "csv", "--include-fuzzy", "-o", str(sheet)]).exit_code == 0
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # no shared state between runs
    # CSV import as UTF-8 (76), comma (44), double quote (34): as a user opens it, every column as text
    subprocess.run([SOFFICE, profile, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "ods",
                    "--outdir", str(tmp_path), str(sheet)], check=True, capture_output=True, timeout=300)
    back = tmp_path / "back"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true", "--outdir", str(back),
                    str(tmp_path / "sheet.ods")], check=True, capture_output=True, timeout=300)
    saved = (back / "sheet.csv").read_bytes()
    assert rows(saved) == rows(sheet.read_bytes())  # every cell, in every script, as it was
    result = run(["glossary", "import", str(back / "sheet.csv")])
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated" in result.stderr
