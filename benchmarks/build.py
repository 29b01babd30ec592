"""Build speed: a full HTML+PDF build of every language, against what a user would otherwise run, and rebuilds.

Run from the repository root:

    .venv/bin/python benchmarks/build.py            # the bundled project
    .venv/bin/python benchmarks/build.py --keep /tmp/bench   # keep the copy to look at the output

It works on a fresh copy of the project (sources, catalogs, termbase) and
prints, in one run:

* the full build: every language's HTML site (mmn_i18n.build.build_html) and
  every publication's PDF in each language it is published in
  (mmn_i18n.pdf.build_pdfs), languages in parallel on all cores;
* a serial `sphinx-build -b html` loop over the same languages (what a user
  would otherwise run for the sites), and `weasyprint page.html page.pdf` run
  one after another on each language's statement page (what a user would
  otherwise run for the PDFs);
* the time per PDF in each language;
* a rebuild with nothing changed, and the rebuild after one Thai entry of
  the statement is edited, with its share of the full build (target: under
  10 %).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mmn_i18n.build import build_html  # noqa: E402
from mmn_i18n.pdf import PdfResult, build_pdfs, pdf_path  # noqa: E402
from mmn_i18n.project import Project, load_project  # noqa: E402

PROJECT_FILES = ["conf.py", "pyproject.toml", "source", "locale", "glossary"]
EDITED_LANGUAGE = "th"
EDITED_DOCUMENT = "statement-migrants-day-2015"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = REPO / name
        if origin.is_dir():
            # .mo files are build products; a copied .mo with a fresh time would hide the .po.
            shutil.copytree(origin, target / name, ignore=shutil.ignore_patterns("*.mo", "_build"))
        elif origin.exists():
            shutil.copy2(origin, target / name)
    return target


def pdf_plan(project: Project, languages: list[str]) -> dict[str, list[str]]:
    """Each publication in English and in every language its :publish-in: names."""
    publications = [doc for doc in project.documents() if doc.kind]
    return {code: [doc.name for doc in publications if code == project.source_language or code in doc.publish_in]
            for code in languages}


def timed(action):
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def full_build(project: Project, languages: list[str]) -> tuple[float, float, list[PdfResult]]:
    html_seconds, html = timed(lambda: build_html(project, languages))
    failed = [result.language for result in html if not result.ok]
    if failed:
        print(f"warning: the HTML build failed for {failed}", file=sys.stderr)
    pdf_seconds, pdfs = timed(lambda: build_pdfs(project, languages, pdf_plan(project, languages)))
    failed = sorted({f"{r.language}/{r.document}" for r in pdfs if not r.ok})
    if failed:
        print(f"warning: PDFs failed: {failed}", file=sys.stderr)
    return html_seconds, pdf_seconds, pdfs


def serial_sphinx_loop(project: Project, languages: list[str], out: Path) -> float:
    started = time.perf_counter()
    for code in languages:
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(project.root),
                        "-D", f"language={code}", "-d", str(out / "doctrees" / code),
                        str(project.source_dir), str(out / code)], check=False, capture_output=True)
    return time.perf_counter() - started


def serial_weasyprint(languages: list[str], site: Path, out: Path) -> float:
    """`weasyprint` on the plain site page of the statement, one language after another."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for code in languages:
        page = site / code / f"{EDITED_DOCUMENT}.html"
        subprocess.run([sys.executable, "-m", "weasyprint", "-q", str(page), str(out / f"{code}.pdf")],
                       check=False, capture_output=True)
    return time.perf_counter() - started


def edit_one_entry(project: Project) -> None:
    path = project.catalog_dir(EDITED_LANGUAGE) / f"{EDITED_DOCUMENT}.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgstr and not e.obsolete and "fuzzy" not in e.flags)
    entry.msgstr += " (แก้ไข)"  # "(edited)": a translator's one-entry change
    catalog.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it (default: a temporary one).")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="mmn-build-bench-"))
    if workdir.exists() and args.keep:
        shutil.rmtree(workdir)
    project = load_project(copy_project(workdir / "project"))
    languages = [project.source_language, *project.language_codes]
    print(f"project copy: {project.root}  languages: {' '.join(languages)}  cores: {os.cpu_count()}")

    html_seconds, pdf_seconds, pdfs = full_build(project, languages)
    full = html_seconds + pdf_seconds
    printed = [r for r in pdfs if r.printed]
    print(f"\nfull build, all languages in parallel: {full:7.1f} s  "
          f"(HTML {html_seconds:.1f} s, PDF {pdf_seconds:.1f} s for {len(printed)} PDFs)")

    serial = serial_sphinx_loop(project, languages, workdir / "serial")
    print(f"serial sphinx-build -b html loop:       {serial:7.1f} s  "
          f"-> our HTML build takes {html_seconds / serial:.0%} of it")
    naive = serial_weasyprint(languages, workdir / "serial", workdir / "naive-pdf")
    statement = [r for r in printed if r.document == EDITED_DOCUMENT]
    ours = sum(r.seconds for r in statement)
    print(f"serial `weasyprint` on the {len(languages)} statement pages: {naive:5.1f} s "
          f"({naive / len(languages):.2f} s a PDF, lines of my/km/lo/shn run off the page); "
          f"ours print them in {ours:.1f} s ({ours / max(1, len(statement)):.2f} s a PDF)")

    print("\nseconds per PDF (printing only; Sphinx excluded), by language:")
    print(f"  {'lang':6} {'PDFs':>4} {'median':>7} {'max':>6}  slowest")
    for code in languages:
        mine = [r for r in printed if r.language == code]
        if mine:
            slowest = max(mine, key=lambda r: r.seconds)
            print(f"  {code:6} {len(mine):4} {statistics.median(r.seconds for r in mine):7.2f} "
                  f"{slowest.seconds:6.2f}  {slowest.document}")

    noop_html, _ = timed(lambda: build_html(project, languages))
    noop_pdf, again = timed(lambda: build_pdfs(project, languages, pdf_plan(project, languages)))
    print(f"\nrebuild, nothing changed:        {noop_html + noop_pdf:6.1f} s (HTML {noop_html:.1f} s, PDF "
          f"{noop_pdf:.1f} s, {sum(r.printed for r in again)} PDFs printed) = {(noop_html + noop_pdf) / full:.0%} of full")

    edit_one_entry(project)
    inc_html, _ = timed(lambda: build_html(project, languages))
    inc_pdf, after = timed(lambda: build_pdfs(project, languages, pdf_plan(project, languages)))
    reprinted = [f"{r.language}/{r.document}" for r in after if r.printed]
    incremental = inc_html + inc_pdf
    print(f"rebuild after one {EDITED_LANGUAGE} entry edit: {incremental:6.1f} s (HTML {inc_html:.1f} s, PDF "
          f"{inc_pdf:.1f} s, reprinted {reprinted}) = {incremental / full:.0%} of full (target < 10 %)")
    assert pdf_path(project, EDITED_LANGUAGE, EDITED_DOCUMENT).is_file()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
