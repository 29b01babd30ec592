"""Render a fixed set of PDF pages in every language to PNG, for a person to review side by side.

Run from the repository root after `mmn-i18n build --format pdf`:

    .venv/bin/python scripts/pdf_pages.py              # into _build/review/pdf/
    .venv/bin/python scripts/pdf_pages.py --dpi 100 --out /tmp/review

For each page below and each language that has the PDF, poppler's
`pdftoppm` writes <out>/<document>-p<page>-<lang>.png; <out>/index.html
shows them as a table, one row per page, one column per language. The
pages are chosen for what words cannot check: the letterhead and a
paragraph of body text, the vocabulary table's rows and columns, the
Chinese justification, the footer of a partly translated PDF, sizes of
scripts that share a line.
"""
from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["en", "my", "km", "lo", "th", "vi", "zh_CN", "shn"]
PAGES = [
    ("statement-migrants-day-2015", 1),  # letterhead, headings, body text
    ("press-release-women-health", 2),  # contacts table: e-mails and phone numbers
    ("vocabulary/table", 1),  # eight scripts on one row, landscape
    ("vocabulary/index", 2),  # glossary entries, English definitions marked, partial notice
    ("about", 1),  # emphasis (no synthetic italics)
]


def render(pdf: Path, page: int, target: Path, dpi: int) -> bool:
    """One page of pdf as target (PNG); False when the PDF has no such page."""
    stem = target.with_suffix("")
    run = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                          str(pdf), str(stem)], capture_output=True, text=True)
    return run.returncode == 0 and target.is_file()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=REPO / "_build", help="the build folder (default: _build)")
    parser.add_argument("--out", type=Path, help="where the PNGs go (default: <build>/review/pdf)")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: install poppler-utils.", file=sys.stderr)
        return 2
    out = args.out or args.build / "review" / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for document, page in PAGES:
        cells = []
        for lang in LANGUAGES:
            pdf = args.build / "pdf" / lang / f"{document}.pdf"
            name = f"{document.replace('/', '-')}-p{page}-{lang}.png"
            if pdf.is_file() and render(pdf, page, out / name, args.dpi):
                cells.append(f'<td><a href="{name}"><img src="{name}" width="300" alt="{lang}"></a></td>')
                print(out / name)
            else:
                cells.append("<td>—</td>")
        rows.append(f"<tr><th>{html.escape(document)}<br>page {page}</th>{''.join(cells)}</tr>")
    head = "".join(f"<th>{lang}</th>" for lang in LANGUAGES)
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>PDF pages for review</title>"
        f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table></html>\n", encoding="utf-8")
    print(out / "index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
