"""HTML publishing speed: `mmn-i18n build --format html` end to end, against a serial sphinx-build loop, and its rebuilds.

Run from the repository root:

    .venv/bin/python benchmarks/build_html.py

On a fresh copy of the bundled project it prints, in one run:

* the full publishing build of every language (`mmn-i18n build`: the unsafe-
  translation scan, readiness with the quality checks, the sites in
  parallel on all cores, the coverage page and the landing pages);
* a serial `sphinx-build -b html` loop over the same languages (what a user
  would otherwise run) and the ratio;
* a rebuild with nothing changed;
* the rebuild after one Thai entry is edited, which languages it rebuilt and
  which pages it rewrote, and its share of the full build (target < 10 %).

benchmarks/build.py (HTML and PDF together, via the library) is the
companion for the PDFs.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
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


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, target / name, ignore=shutil.ignore_patterns("*.mo", "_build"))
        else:
            shutil.copy2(origin, target / name)
    return target


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_cli(root: Path, *args: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the command and its sphinx-builds, its log)."""
    started, cpu = time.perf_counter(), children_cpu()
    run = subprocess.run([*CLI, "--project", str(root), *args], capture_output=True, text=True, cwd=root)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"mmn-i18n {' '.join(args)} failed:\n{run.stderr}")
    return seconds, children_cpu() - cpu, run.stderr


def serial_sphinx_loop(root: Path, languages: list[str], out: Path) -> tuple[float, float]:
    started, cpu = time.perf_counter(), children_cpu()
    for code in languages:
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(root),
                        "-D", f"language={code}", "-d", str(out / "doctrees" / code),
                        str(root / "source"), str(out / code)], check=True, capture_output=True)
    return time.perf_counter() - started, children_cpu() - cpu


def edit_one_entry(root: Path) -> str:
    path = root / "locale" / EDITED_LANGUAGE / "LC_MESSAGES" / f"{EDITED_DOCUMENT}.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgstr and not e.obsolete and "fuzzy" not in e.flags)
    entry.msgstr += " (แก้ไข)"  # "(edited)": a translator's one-entry change
    catalog.save(str(path))
    return f"{path.relative_to(root)}:{entry.linenum}"


def pages_newer_than(site: Path, moment: float) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.stat().st_mtime > moment)


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="mmn-html-bench-"))
    try:
        root = copy_project(workdir / "project")
        languages = ["en", *re.findall(r'"([\w]+)"', re.search(r"^languages = \[(.*)\]", (root / "pyproject.toml")
                                                               .read_text(encoding="utf-8"), re.M).group(1))]
        print(f"project copy: {root}  languages: {' '.join(languages)}  cores: {os.cpu_count()}  "
              f"load: {os.getloadavg()[0]:.1f}")

        print("(wall time, and CPU time of all processes: the machine may be shared, CPU time is steadier)")
        full, full_cpu, _ = timed_cli(root, "build", "--format", "html")
        print(f"\nmmn-i18n build, all {len(languages)} languages (parallel): {full:6.1f} s  CPU {full_cpu:6.1f} s")
        serial, serial_cpu = serial_sphinx_loop(root, languages, workdir / "serial")
        print(f"serial sphinx-build -b html loop:              {serial:6.1f} s  CPU {serial_cpu:6.1f} s"
              f"  -> mmn-i18n build takes {full / serial:.0%} of its wall time (and also checks, decides "
              f"readiness, writes landing and status pages)")

        noop, noop_cpu, _ = timed_cli(root, "build", "--format", "html")
        print(f"\nrebuild, nothing changed:                      {noop:6.1f} s  CPU {noop_cpu:6.1f} s"
              f" = {noop / full:.0%} of full (CPU {noop_cpu / full_cpu:.0%})")

        where = edit_one_entry(root)
        before = time.time()
        time.sleep(0.01)
        incremental, incremental_cpu, log = timed_cli(root, "build", "--format", "html")
        rebuilt = re.findall(r"^built (\S+):", log, re.M)
        rewritten = {code: pages_newer_than(root / "_build" / "html" / code, before) for code in languages}
        rewritten = {code: pages for code, pages in rewritten.items() if pages}
        print(f"rebuild after editing {where}: {incremental:6.1f} s  CPU {incremental_cpu:6.1f} s"
              f" = {incremental / full:.0%} of full (CPU {incremental_cpu / full_cpu:.0%}; target < 10 %)")
        print(f"  languages rebuilt: {' '.join(rebuilt) or 'none'}; pages rewritten: {rewritten}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
