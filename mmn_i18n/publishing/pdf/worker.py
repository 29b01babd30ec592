"""One language's PDFs in a process of its own: `python -m mmn_i18n.publishing.pdf.worker ROOT LANG DOC...`; JSON results on stdout."""
from __future__ import annotations

import json
import sys

from ...project import load_project
from . import build_language_pdfs, result_to_json


def main(argv: list[str]) -> int:
    root, language, *documents = argv
    project = load_project(root)
    results = build_language_pdfs(project, language, documents)
    json.dump([result_to_json(result) for result in results], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
