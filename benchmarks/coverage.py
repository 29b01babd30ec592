"""Time `mmn-i18n coverage` against `sphinx-intl stat` and a loop of `msgfmt --statistics`.

    .venv/bin/python benchmarks/coverage.py [--runs 5] [--tree DIR] [--drop-caches]

Generates (or reuses) a 500-catalog tree in 7 languages (benchmarks/make_tree.py),
checks that our totals equal the sum of msgfmt's, then runs each tool as a new
process, in rotating order, --runs times, and prints each median and the
ratios. Every run is cold in the sense the issue asks for: `mmn-i18n coverage`
keeps no cache between runs, so each run reads and counts every catalog.
--drop-caches also empties the kernel's page cache before every timed command
(needs root; it slows the whole machine for a moment).

Targets: at least 5x faster than `sphinx-intl stat`, no slower than the msgfmt loop.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_tree import make_tree

BIN = Path(sys.executable).parent
MSGFMT_LOOP = ('shopt -s globstar nullglob; for f in "$1"/*/LC_MESSAGES/**/*.po; do '
               'msgfmt --statistics -o /dev/null "$f"; done')
STAT = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


def tool(name: str) -> str:
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not path:
        sys.exit(f"{name} not found: run scripts/setup.sh first.")
    return str(path)


CORE_ONLY = "import sys; from mmn_i18n.gettext.coverage import default_jobs, measure; measure(sys.argv[1], jobs=default_jobs())"


def commands(tree: Path) -> dict[str, list[str]]:
    return {
        "mmn-i18n coverage": [tool("mmn-i18n"), "coverage", "--locale-dir", str(tree)],
        "sphinx-intl stat": [tool("sphinx-intl"), "stat", "-d", str(tree)],
        "msgfmt --statistics loop": ["bash", "-c", MSGFMT_LOOP, "loop", str(tree)],
        # for reading the figures: the counting alone, without the CLI
        "(counting only, no CLI)": [sys.executable, "-c", CORE_ONLY, str(tree)],
    }


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], drop: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its own processes)."""
    if drop:
        drop_caches()
    cpu, start = cpu_of_children(), time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):  # sphinx-intl stat exits 1 when anything is untranslated
        sys.exit(f"{' '.join(command)} failed with exit code {result.returncode}")
    return elapsed, cpu_of_children() - cpu


def msgfmt_totals(tree: Path) -> dict[str, int]:
    totals = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    result = subprocess.run(["bash", "-c", MSGFMT_LOOP, "loop", str(tree)], capture_output=True, text=True)
    for count, kind in STAT.findall(result.stderr):
        totals[kind] += int(count)
    return totals


def our_totals(tree: Path) -> dict[str, int]:
    result = subprocess.run([tool("mmn-i18n"), "coverage", "--locale-dir", str(tree), "--format", "json"],
                            capture_output=True, text=True, check=True)
    languages = json.loads(result.stdout)["languages"].values()
    return {kind: sum(language[kind] for language in languages) for kind in ("translated", "fuzzy", "untranslated")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, help="use (or create) this tree instead of a temporary one")
    parser.add_argument("--catalogs", type=int, default=500)
    parser.add_argument("--drop-caches", action="store_true", help="empty the page cache before each command (root)")
    args = parser.parse_args()

    scratch = None
    tree = args.tree
    if tree is None:
        scratch = tempfile.TemporaryDirectory(prefix="mmn-coverage-bench-")
        tree = Path(scratch.name)
    if not any(tree.glob("*/LC_MESSAGES")):
        stats = make_tree(tree, args.catalogs)
        print(f"tree: {tree}: {stats.catalogs} catalogs, {stats.messages} messages (generated)")
    size = sum(path.stat().st_size for path in tree.rglob("*.po"))
    catalogs = sum(1 for _ in tree.rglob("*.po"))
    print(f"tree: {catalogs} catalogs, {size / 1e6:.1f} MB; {os.cpu_count()} CPU(s); "
          f"page cache {'dropped before each command' if args.drop_caches else 'warm (no tool keeps a cache of its own)'}")

    load = os.getloadavg()[0]
    ours, theirs = our_totals(tree), msgfmt_totals(tree)
    print(f"messages: {sum(ours.values())}; counts equal msgfmt's: {'yes' if ours == theirs else 'NO'} "
          f"(ours {ours}, msgfmt {theirs})")

    runs = commands(tree)
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for round_number in range(args.runs):
        order = names[round_number % len(names):] + names[:round_number % len(names)]
        for name in order:
            wall, used = timed(runs[name], args.drop_caches)
            times[name].append(wall)
            cpu[name].append(used)
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    ours_median = medians["mmn-i18n coverage"]
    print(f"load average before the runs: {load:.2f} (other work on the machine slows every tool)")
    print(f"\n{'command':<26} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8}  ratio (its median / ours)")
    for name in names:
        print(f"{name:<26} {medians[name]:>7.2f}s {min(times[name]):>7.2f}s {max(times[name]):>7.2f}s "
              f"{cpu_medians[name]:>7.2f}s  {medians[name] / ours_median:.1f}x")
    speedup_intl = medians["sphinx-intl stat"] / ours_median
    speedup_msgfmt = medians["msgfmt --statistics loop"] / ours_median
    print(f"\ntarget >= 5x faster than sphinx-intl stat: {speedup_intl:.1f}x "
          f"{'met' if speedup_intl >= 5 else 'NOT met'}")
    print(f"target no slower than the msgfmt loop: {speedup_msgfmt:.1f}x {'met' if speedup_msgfmt >= 1 else 'NOT met'}")
    print(f"the counting alone (Python's start-up included, no CLI) takes {medians['(counting only, no CLI)']:.2f}s")
    if scratch:
        scratch.cleanup()


if __name__ == "__main__":
    main()
