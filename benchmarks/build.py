"""Publishing speed: `mmn-i18n build --format html --format pdf` for every language, against what a user would otherwise run, and rebuilds.

Run from the repository root:

    .venv/bin/python benchmarks/build.py
    .venv/bin/python benchmarks/build.py --keep /tmp/bench   # keep the copy to look at the output

On a fresh copy of the bundled project (sources, catalogs, termbase) it
prints, in one run:

* the full build, end to end as staff run it: `mmn-i18n build --format html
  --format pdf` (readiness, every ready site and PDF, languages in parallel
  on all cores, landing pages);
* a serial `sphinx-build -b html` loop over the same languages, and
  `weasyprint page.html page.pdf` run one after another on each language's
  statement page: what a user would otherwise run, with the ratios;
* the time to print one PDF, per language (from the build's stamp files);
* a rebuild with nothing changed, and the rebuild after one Thai entry of the
  statement is edited: what it reprinted and its share of the full build
  (target: under 10 %).

benchmarks/build_html.py looks at the HTML half alone in more detail.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["conf.py", "pyproject.toml", "source", "locale", "glossary"]
EDITED_LANGUAGE = "th"
EDITED_DOCUMENT = "statement-migrants-day-2015"
CLI = [sys.executable, "-c", "from mmn_i18n.interfaces.cli import main; main()"]
BUILD = [*CLI, "build", "--format", "html", "--format", "pdf"]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = REPO / name
        if origin.is_dir():
            # .mo files are build products; a copied .mo with a fresh time would hide its .po.
            shutil.copytree(origin, target / name, ignore=shutil.ignore_patterns("*.mo", "_build"))
        elif origin.exists():
            shutil.copy2(origin, target / name)
    return target


def run_build(root: Path) -> tuple[float, list[str]]:
    """Seconds for one `mmn-i18n build`, and the PDFs it printed (lang/doc)."""
    started = time.perf_counter()
    done = subprocess.run(BUILD, cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"mmn-i18n build could not run:\n{done.stderr[-2000:]}")
    if done.returncode == 1:
        print(f"  (the build reported failures; last lines: {done.stderr.strip().splitlines()[-1:]})")
    printed = re.findall(r"^printed (\S+): _build/pdf/\S+?/(\S+)\.pdf$", done.stderr, re.MULTILINE)
    return seconds, [f"{lang}/{doc}" for lang, doc in printed]


def serial_sphinx_loop(root: Path, languages: list[str], out: Path) -> float:
    started = time.perf_counter()
    for code in languages:
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(root),
                        "-D", f"language={code}", "-d", str(out / "doctrees" / code),
                        str(root / "source"), str(out / code)], capture_output=True)
    return time.perf_counter() - started


def serial_weasyprint(languages: list[str], site: Path, out: Path) -> float:
    """`weasyprint` on the plain site page of the statement, one language after another."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for code in languages:
        subprocess.run([sys.executable, "-m", "weasyprint", "-q", str(site / code / f"{EDITED_DOCUMENT}.html"),
                        str(out / f"{code}.pdf")], capture_output=True)
    return time.perf_counter() - started


def print_seconds(root: Path, languages: list[str]) -> dict[str, dict[str, float]]:
    """{lang: {doc: seconds}} as the PDF builder recorded them."""
    figures = {}
    for code in languages:
        stamp = root / "_build" / "pdf" / code / ".inputs.json"
        if stamp.is_file():
            figures[code] = json.loads(stamp.read_text(encoding="utf-8")).get("seconds", {})
    return figures


def edit_one_entry(root: Path) -> str:
    path = root / "locale" / EDITED_LANGUAGE / "LC_MESSAGES" / f"{EDITED_DOCUMENT}.po"
    catalog = polib.pofile(str(path))
    entry = [e for e in catalog.translated_entries() if "\n\n" not in e.msgid][-1]  # a body paragraph
    entry.msgstr += " (แก้ไข)"  # "(edited)": one translator's one-entry change
    catalog.save(str(path))
    return entry.msgid[:50]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it (default: a temporary one).")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="mmn-build-bench-"))
    if args.keep and workdir.exists():
        shutil.rmtree(workdir)
    root = copy_project(workdir / "project")
    sys.path.insert(0, str(REPO))
    from mmn_i18n.project import load_project

    project = load_project(root)
    languages = [project.source_language, *project.language_codes]
    print(f"project copy: {root}  languages: {' '.join(languages)}  cores: {os.cpu_count()}  "
          f"load average: {os.getloadavg()[0]:.1f}")

    full, printed = run_build(root)
    print(f"\nfull build (mmn-i18n build --format html --format pdf): {full:6.1f} s, {len(printed)} PDFs printed")
    serial = serial_sphinx_loop(root, languages, workdir / "serial")
    print(f"serial sphinx-build -b html loop (HTML only):            {serial:6.1f} s")
    naive = serial_weasyprint(languages, workdir / "serial", workdir / "naive-pdf")
    seconds = print_seconds(root, languages)
    ours = [seconds[code][EDITED_DOCUMENT] for code in languages if EDITED_DOCUMENT in seconds.get(code, {})]
    print(f"serial `weasyprint` on the {len(languages)} statement pages:          {naive:6.1f} s "
          f"= {naive / len(languages):.2f} s a PDF (and lines in my/km/lo/shn run off the page)")
    if ours:
        print(f"  our printing of the same statement:                    {statistics.mean(ours):6.2f} s a PDF "
              f"(Sphinx excluded; {len(ours)} languages in which it is ready)")

    print("\nseconds to print one PDF (Sphinx excluded), by language:")
    print(f"  {'lang':6} {'PDFs':>4} {'median':>7} {'max':>6}  slowest")
    for code in languages:
        mine = seconds.get(code, {})
        if mine:
            slowest = max(mine, key=mine.get)
            print(f"  {code:6} {len(mine):4} {statistics.median(mine.values()):7.2f} {mine[slowest]:6.2f}  {slowest}")

    noop, reprinted = run_build(root)
    print(f"\nrebuild, nothing changed:          {noop:6.1f} s, {len(reprinted)} PDFs printed "
          f"= {noop / full:.0%} of the full build")
    edited = edit_one_entry(root)
    incremental, reprinted = run_build(root)
    print(f"rebuild after one {EDITED_LANGUAGE} entry edit:   {incremental:6.1f} s, printed {reprinted} "
          f"= {incremental / full:.0%} of the full build (target < 10 %)\n  (edited: {edited!r}...)")
    print(f"\nratios: full build / serial sphinx-build loop = {full / serial:.2f} "
          f"(the loop makes no PDF); rebuild after an edit / full build = {incremental / full:.2f}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
