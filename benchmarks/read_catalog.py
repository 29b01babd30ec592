"""Time the one strict catalog reader against polib's own parser, on the benchmark tree.

    .venv/bin/python benchmarks/read_catalog.py [--runs 3] [--tree DIR]

mmn_i18n.gettext.catalogs.read_catalog checks every catalog as msgfmt would (the
scanner in mmn_i18n.gettext.coverage) and then builds polib's objects; this prints
how long that takes on the 500-catalog tree of benchmarks/make_tree.py, split
into the strict check and the object building, next to `polib.pofile` alone
(what the commands used before, without the checks), as medians of --runs
passes in this process.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polib

from make_tree import make_tree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mmn_i18n.gettext.catalogs import read_catalog  # noqa: E402
from mmn_i18n.gettext.coverage import count_text, decode  # noqa: E402


def timed(action, paths: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for path in paths:
            action(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, help="use (or create) this tree instead of a temporary one")
    args = parser.parse_args()
    tree = args.tree or Path(tempfile.mkdtemp(prefix="mmn-read-"))
    if not any(tree.rglob("*.po")):
        make_tree(tree)
    paths = sorted(tree.rglob("*.po"))
    messages = sum(len(read_catalog(path)) for path in paths)
    ours = timed(read_catalog, paths, args.runs)
    check = timed(lambda path: count_text(decode(data := path.read_bytes()), data), paths, args.runs)
    theirs = timed(lambda path: polib.pofile(str(path), wrapwidth=79), paths, args.runs)
    print(f"{len(paths)} catalogs, {messages} entries, median of {args.runs} runs")
    print(f"read_catalog (strict check + polib objects) {ours:6.2f} s")
    print(f"  of which the strict check                 {check:6.2f} s")
    print(f"polib.pofile (no check)                     {theirs:6.2f} s")
    print(f"ratio read_catalog / polib.pofile           {ours / theirs:6.2f}")


if __name__ == "__main__":
    main()
