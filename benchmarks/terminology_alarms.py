"""False alarms and recall of the terminology check's single-word terms.

    .venv/bin/python benchmarks/terminology_alarms.py [CATALOG_DIR ...]

For each catalog tree (by default this project's locale/, Django's catalogs
in tests/data/checks/real and Sphinx's own zh_CN and vi catalogs) and each
language, prints how many translated entries use a single-word vocabulary
term as a noun ("migrants are", not "migrant women"), how many of those the
check flags now (whole words: ICU dictionary words, Burmese and Shan
syllables) and how many a plain substring test would flag, and lists every
finding for a person to judge (a real deviation from the vocabulary, or a
false alarm).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mmn_i18n.gettext.catalogs import read_catalog  # noqa: E402
from mmn_i18n.gettext.checks.runner import language_of  # noqa: E402
from mmn_i18n.gettext.checks.terminology import TermIndex, comparable, contains  # noqa: E402
from mmn_i18n.gettext.glossary import load_termbase  # noqa: E402
from mmn_i18n.gettext.glossary.textmatch import find_words  # noqa: E402
from mmn_i18n.project import load_project  # noqa: E402

def default_dirs() -> list[Path]:
    import sphinx

    sphinx_locale = Path(sphinx.__file__).parent / "locale"
    return [ROOT / "locale", ROOT / "tests" / "data" / "checks" / "real", sphinx_locale / "zh_CN", sphinx_locale / "vi"]


def single_word_uses(index: TermIndex, approved: dict[str, str], english: str):
    for term, written in index.terms_in(english):
        if " " not in term.term and approved.get(term.id):
            yield term, written, approved[term.id]


def found_now(translation: str, expected: str, written: str, lang: str) -> bool:
    return bool(find_words(translation, expected, lang)) or contains(comparable(translation, "en"), written, "en")


def found_by_substring(translation: str, expected: str, written: str, lang: str) -> bool:
    return (comparable(expected, lang) in comparable(translation, lang)
            or contains(comparable(translation, "en"), written, "en"))


def main(dirs: list[Path]) -> None:
    termbase = load_termbase(load_project(ROOT))
    index = TermIndex(termbase)
    for folder in dirs:
        print(f"\n== {folder}")
        per_lang: dict[str, Counter] = {}
        listed: list[str] = []
        # The vocabulary's own pages are not checked for terminology.
        for po in sorted(p for p in folder.rglob("*.po") if "vocabulary" not in p.parts):
            lang = language_of(po).code
            approved = termbase.approved_terms(lang)
            counts = per_lang.setdefault(lang, Counter())
            for entry in read_catalog(po):
                if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr.strip():
                    continue
                counts["entries"] += 1
                for term, written, expected in single_word_uses(index, approved, entry.msgid):
                    counts["uses"] += 1
                    now = found_now(entry.msgstr, expected, written, lang)
                    counts["flagged"] += not now
                    counts["flagged_by_substring"] += not found_by_substring(entry.msgstr, expected, written, lang)
                    if not now:
                        listed.append(f"  {po.relative_to(folder)}:{entry.linenum} {term.term!r} -> {expected!r}: "
                                      f"{entry.msgstr[:70]!r}")
        for lang, counts in sorted(per_lang.items()):
            print(f"{lang:6} {counts['entries']:5} entries, {counts['uses']:4} noun uses of single-word terms, "
                  f"{counts['flagged']:3} flagged (plain substring: {counts['flagged_by_substring']})")
        print("\n".join(listed))


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or default_dirs())
