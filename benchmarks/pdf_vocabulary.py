"""Printing speed of the vocabulary PDFs (the longest we print), ours against plain `weasyprint`.

Run from the repository root after `mmn-i18n build --format pdf` (it reads
the bare pages in _build/pdf-html/<lang>/):

    .venv/bin/python benchmarks/pdf_vocabulary.py                 # every language, best of 3
    .venv/bin/python benchmarks/pdf_vocabulary.py -l km -l zh_CN --repeat 5

For each vocabulary page and language it prints each PDF the build prints
(a long page is printed in parts, mmn_i18n.publishing.pdf.split: one line per part,
the split included in its time), its pages and the best of N runs, wall clock and CPU time of this process, for:

* ours: furnish + print_copy + render_pdf, what `mmn-i18n build` does per
  PDF (letterhead, notice, break hints, print stylesheet, PDF/UA tags, the
  /ActualText patch), in a warm process as in the build's worker;
* `weasyprint page.html out.pdf` on the same bare page, the command a user
  would otherwise run (a new process each time: its start-up is included,
  as it is for that user; no print stylesheet, no tags).

CPU time is given because wall time on a shared machine measures the
neighbours: with the load average printed at the start, read the CPU
column as the time on a quiet machine.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mmn_i18n.publishing.pdf.furnish import furnish  # noqa: E402
from mmn_i18n.publishing.pdf.prepare import print_copy  # noqa: E402
from mmn_i18n.publishing.pdf.render import render_pdf  # noqa: E402
from mmn_i18n.publishing.pdf.split import split_page  # noqa: E402

LANGUAGES = ["en", "my", "km", "lo", "th", "vi", "zh_CN", "shn"]
DOCUMENTS = ["vocabulary/index", "vocabulary/table", "vocabulary/a-z", "vocabulary/new", "vocabulary/avoid"]


def ours(page: Path, page_html: str, language: str, part: tuple[int, int] | None, target: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    prepared, _ = print_copy(furnish(page_html, language, part), page.name)
    render_pdf(prepared, page.parent, target)
    return time.perf_counter() - wall, time.process_time() - cpu


def plain_weasyprint(page: Path, target: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("weasyprint")), str(page), str(target)],
                   check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pages_of(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-l", "--lang", action="append", help="language (repeatable; default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-plain", action="store_true", help="skip plain weasyprint (it takes longer)")
    args = parser.parse_args(argv)
    languages = args.lang or LANGUAGES
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; best of {args.repeat}")
    print(f"{'PDF':28} {'pages':>5} {'ours wall':>9} {'ours CPU':>9} {'plain wall':>10} {'plain CPU':>10} {'CPU ratio':>9}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for language in languages:
            for document in DOCUMENTS:
                page = REPO / "_build" / "pdf-html" / language / f"{document}.html"
                if not page.is_file():
                    continue
                page_html = page.read_text(encoding="utf-8")
                parts = split_page(page_html)
                for number, part_html in enumerate(parts, start=1):
                    part = (number, len(parts)) if len(parts) > 1 else None
                    name = document + (f"-{number}" if part else "")
                    target = out / f"{language}-{name.replace('/', '-')}.pdf"
                    ours(page, part_html, language, part, target)  # warm: fonts and stylesheets loaded, as in the build's worker
                    wall, cpu = best([ours(page, part_html, language, part, target) for _ in range(args.repeat)])
                    worst = max(worst, cpu)
                    line = f"{language + ' ' + name:28} {pages_of(target):5} {wall:9.2f} {cpu:9.2f}"
                    if not args.no_plain and not part and shutil.which(str(Path(sys.executable).with_name("weasyprint"))):
                        # Plain weasyprint has no parts: compared on whole pages only.
                        plain_target = out / "plain.pdf"
                        plain_wall, plain_cpu = best([plain_weasyprint(page, plain_target) for _ in range(args.repeat)])
                        line += f" {plain_wall:10.2f} {plain_cpu:10.2f} {plain_cpu / cpu:9.2f}"
                    print(line, flush=True)
    print(f"slowest vocabulary PDF (CPU): {worst:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
