"""One language's PDFs in a process of its own.

`python -m mmn_i18n.publishing.pdf.worker --results FILE ROOT LANG DOC...`
writes {"results": [...]} (one item per PDF) or {"error": "...", "timeout":
bool} (the language could not be built at all: a hung Sphinx, bad input) to
FILE, which the parent process names and reads: stdout and stderr belong to
Sphinx and WeasyPrint, which print there too.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ...errors import MmnError
from ...textfiles import write_text_atomically
from ...project import load_project
from ...subprocesses import ToolTimeout
from . import build_language_pdfs, result_to_json


def main(argv: list[str]) -> int:
    if argv[:1] != ["--results"] or len(argv) < 4:
        print("usage: python -m mmn_i18n.publishing.pdf.worker --results FILE ROOT LANG DOC...", file=sys.stderr)
        return 2
    _, results_file, root, language, *documents = argv
    try:
        results = build_language_pdfs(load_project(root), language, documents)
        answer = {"results": [result_to_json(result) for result in results]}
    except MmnError as error:
        answer = {"error": str(error), "timeout": isinstance(error, ToolTimeout)}
    write_text_atomically(Path(results_file), json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
