"""Time `mmn-i18n check` against translate-toolkit's `pofilter` on the same tree.

    .venv/bin/python benchmarks/check.py [TREE] [--runs 3] [--catalogs 500]

TREE is any catalog tree (<lang>/LC_MESSAGES/**/*.po), e.g. a translation of
Python's documentation extracted outside the repository. Without it, the
coverage benchmark's generated tree (benchmarks/make_tree.py: 500 catalogs
in 7 languages, about 62,000 messages) is used. Each tool runs as a new
process, in alternating order, --runs times, and prints each median and the
ratio, in wall-clock time and in CPU time (user + system of every process:
the fairer figure on a busy machine). `pofilter` runs its default checks and writes the failing units to a
scratch folder (it cannot run without an output); `mmn-i18n check` runs all of
its checks (reST markup through docutils, Zawgyi detection included) and
prints its findings to /dev/null. Both read every catalog on every run.
Also reported: `mmn-i18n check -j 1` (one process), for a like-for-like
comparison with the single-process pofilter.

Also printed: the load average before and after (the machine may be shared:
the tools alternate so both see the same load), and how much of a one-process
check is parsing the catalogs (read_catalog) rather than checking them.

Target: at least 2x faster than pofilter in wall time, with no more CPU time.
"""
from __future__ import annotations

import argparse
import os
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


def tool(name: str) -> str:
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not path:
        sys.exit(f"{name} not found: run scripts/setup.sh first.")
    return str(path)


def commands(tree: Path, scratch: Path) -> dict[str, list[str]]:
    return {
        "mmn-i18n check": [tool("mmn-i18n"), "check", "--locale-dir", str(tree)],
        "mmn-i18n check -j 1": [tool("mmn-i18n"), "check", "-j", "1", "--locale-dir", str(tree)],
        "pofilter": [tool("pofilter"), "--progress=none", "-i", str(tree), "-o", str(scratch / "pofilter-out")],
    }


def timed(command: list[str], scratch: Path) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, all processes) of one run."""
    shutil.rmtree(scratch / "pofilter-out", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):  # 1: check found errors
        sys.exit(f"{' '.join(command)} failed with exit code {result.returncode}: {result.stderr[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("tree_arg", nargs="?", type=Path, metavar="TREE", help="the catalog tree to check")
    parser.add_argument("--tree", type=Path, help="use (or create) this tree instead of a temporary one")
    parser.add_argument("--catalogs", type=int, default=500)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mmn-check-bench-") as scratch_name:
        scratch = Path(scratch_name)
        tree = args.tree_arg or args.tree or scratch / "tree"
        if not any(tree.glob("*/LC_MESSAGES")):
            stats = make_tree(tree, args.catalogs)
            print(f"tree: {tree}: {stats.catalogs} catalogs, {stats.messages} messages (generated)")
        catalogs = sum(1 for _ in tree.rglob("*.po"))
        size = sum(path.stat().st_size for path in tree.rglob("*.po"))
        print(f"tree: {catalogs} catalogs, {size / 1e6:.1f} MB; {os.cpu_count()} CPU(s)")

        parse_share(tree)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        runs = commands(tree, scratch)
        names = list(runs)
        times: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for round_number in range(args.runs):
            order = names if round_number % 2 == 0 else names[::-1]
            for name in order:
                wall, used = timed(runs[name], scratch)
                times[name].append(wall)
                cpu[name].append(used)
        medians = {name: statistics.median(values) for name, values in times.items()}
        cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
        print(f"\n{'command':<22} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8}  pofilter's time / this (wall, CPU)")
        for name in names:
            print(f"{name:<22} {medians[name]:>7.2f}s {min(times[name]):>7.2f}s {max(times[name]):>7.2f}s "
                  f"{cpu_medians[name]:>7.2f}s  {medians['pofilter'] / medians[name]:.1f}x, "
                  f"{cpu_medians['pofilter'] / cpu_medians[name]:.1f}x")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        ratio = medians["pofilter"] / medians["mmn-i18n check"]
        cpu_ratio = cpu_medians["pofilter"] / cpu_medians["mmn-i18n check"]
        met = ratio >= 2 and cpu_ratio >= 1
        print(f"\ntarget 2x faster than pofilter (wall) with no more CPU: {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU: "
              f"{'met' if met else 'NOT met'} (one process: {medians['pofilter'] / medians['mmn-i18n check -j 1']:.1f}x)")


def parse_share(tree: Path) -> None:
    """CPU seconds of a one-process check, and of reading the catalogs alone (in a fresh process)."""
    code = ("import sys, time\nfrom pathlib import Path\n"
            "from mmn_i18n.gettext.catalogs import read_catalog\nfrom mmn_i18n.gettext.checks import check_catalog\n"
            "files = sorted(Path(sys.argv[1]).rglob('*.po'))\n"
            "t = time.process_time()\nfor f in files: read_catalog(f)\nread = time.process_time() - t\n"
            "t = time.process_time()\nfor f in files: check_catalog(f)\nboth = time.process_time() - t\n"
            "print(f'{read:.2f} {both:.2f}')")
    result = subprocess.run([sys.executable, "-c", code, str(tree)], capture_output=True, text=True, check=True)
    read, both = map(float, result.stdout.split())
    print(f"one process, CPU: reading the catalogs {read:.2f}s of {both:.2f}s for the whole check "
          f"({read / both:.0%} parsing, {1 - read / both:.0%} checking)")


if __name__ == "__main__":
    main()
